<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>AttentionPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="159"/>
        <source>服务器：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="171"/>
        <source>（未知）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="171"/>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="173"/>
        <source>被访人：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="247"/>
        <source>需处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="248"/>
        <source>服务器拒收的离线记录。请按服务器的提示修改后重新上传。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="250"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="251"/>
        <source>手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="252"/>
        <source>证件号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="253"/>
        <source>来访单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="254"/>
        <source>来访事由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="255"/>
        <source>车牌号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="257"/>
        <source>更换被访人：输入姓名或手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="258"/>
        <source>查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="262"/>
        <source>移除被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="263"/>
        <source>重新上传</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookedPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="123"/>
        <source>请输入手机号的后四位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="126"/>
        <source>请输入访客码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="131"/>
        <source>我有预约</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="132"/>
        <source>请将预约二维码对准扫码口，或输入访客码 / 手机号后四位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="133"/>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="136"/>
        <source>访客码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="134"/>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="136"/>
        <source>手机号后四位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="138"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="139"/>
        <source>查询预约</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="589"/>
        <source>请确认登记信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="590"/>
        <source>确认后将打印访客单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="591"/>
        <source>返回修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="592"/>
        <source>确认登记</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="156"/>
        <source>身份证阅读器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="157"/>
        <source>IC 卡读卡器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="158"/>
        <source>扫码器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="159"/>
        <source>摄像头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="160"/>
        <source>访客单打印机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="165"/>
        <source>已连接</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="166"/>
        <source>模拟设备</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="167"/>
        <source>未连接</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="168"/>
        <source>不可用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="169"/>
        <source>未启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="177"/>
        <source>演示模式：这是模拟设备，不连接真实硬件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="179"/>
        <source>本机没有设置这台设备；需要时请联系技术人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="182"/>
        <source>打印机没有响应：请检查电源、纸张和连接线，然后点“打印测试页”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="183"/>
        <source>摄像头没有画面：请检查连接线；仍可不拍照登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="184"/>
        <source>设备没有连接：请检查连接线是否插好，设备插好后会自动恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="185"/>
        <source>这台设备在本机上无法使用：请联系技术人员（点“详情”查看原因）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="188"/>
        <source>设备状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="190"/>
        <source>详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="192"/>
        <source>读卡测试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="193"/>
        <source>刷卡测试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="194"/>
        <source>扫码回显</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="195"/>
        <source>预览画面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="196"/>
        <source>打印测试页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="201"/>
        <source>停止预览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="203"/>
        <source>演示：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="204"/>
        <source>放一张示例身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="205"/>
        <source>刷一张示例卡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="206"/>
        <source>扫一个示例码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="207"/>
        <source>插回阅读器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="207"/>
        <source>拔出阅读器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="209"/>
        <source>无画面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="232"/>
        <source>测试中…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="234"/>
        <source>失败：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="238"/>
        <source>请把身份证放到阅读器上…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="243"/>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="290"/>
        <source>读到：%1（%2）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="252"/>
        <source>请刷卡…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="256"/>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="303"/>
        <source>收到：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="263"/>
        <source>已发送测试页（%1 字节）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="298"/>
        <source>卡号：%1（%2）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="640"/>
        <source>请取走您的访客单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="641"/>
        <source>登记成功，访客单正在打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="642"/>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DynamicForm</name>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="203"/>
        <source>＋ 添加选项…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="226"/>
        <source>添加选项</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../kiosk/ui/common/errors.py" line="22"/>
        <source>禁止登记：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/common/errors.py" line="28"/>
        <source>无法连接服务器，请检查网络或稍后重试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/common/errors.py" line="36"/>
        <source>发生错误，请重试；如反复出现请联系管理员（详情已写入日志）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="44"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="45"/>
        <source>性别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="46"/>
        <source>手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="47"/>
        <source>证件类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="48"/>
        <source>证件号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="49"/>
        <source>来访单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="50"/>
        <source>来访事由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="51"/>
        <source>车牌号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="52"/>
        <source>来访人数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="53"/>
        <source>住址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="54"/>
        <source>证件地址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="55"/>
        <source>发证机关</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="56"/>
        <source>籍贯</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="57"/>
        <source>访客类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="58"/>
        <source>访客照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="59"/>
        <source>预计离开时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="60"/>
        <source>体温</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="61"/>
        <source>访客卡号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="62"/>
        <source>男</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="63"/>
        <source>女</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="64"/>
        <source>随身物品</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="65"/>
        <source>身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="66"/>
        <source>驾驶证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="67"/>
        <source>工作证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="68"/>
        <source>学生证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="69"/>
        <source>军官证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="70"/>
        <source>护照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="71"/>
        <source>其他</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="72"/>
        <source>预约单号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="73"/>
        <source>预约码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="74"/>
        <source>手机号后四位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="75"/>
        <source>二维码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="76"/>
        <source>访客卡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="77"/>
        <source>车牌号码</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HostPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="472"/>
        <source>您要拜访谁？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="473"/>
        <source>输入被访人的姓名拼音、拼音首字母或手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="474"/>
        <source>如 wjg、wangjianguo 或手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="475"/>
        <source>查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="476"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="481"/>
        <source>没有找到，请核对姓名或手机号</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdCardPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="170"/>
        <source>请刷身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="171"/>
        <source>请将身份证平放在下方阅读区，读取完成前不要移开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="172"/>
        <source>身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="173"/>
        <source>没有身份证？护照等其他证件请手动填写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="174"/>
        <source>演示：放一张示例身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="175"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/widgets.py" line="169"/>
        <source>清空</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/login_page.py" line="57"/>
        <source>操作员登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login_page.py" line="58"/>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="789"/>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login_page.py" line="59"/>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="790"/>
        <source>密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login_page.py" line="60"/>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="792"/>
        <source>登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login_page.py" line="63"/>
        <source>演示数据：用户名 %1，密码 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="787"/>
        <source>工作人员登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="788"/>
        <source>登录后退出自助模式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="791"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="229"/>
        <source>黑名单人员尝试登记：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="231"/>
        <source>（%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="233"/>
        <source>，%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="278"/>
        <source>离线模式：服务器暂不可用，登记将在恢复后自动上传（待上传 %1 条）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="297"/>
        <source>访客机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="298"/>
        <source>访客登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="300"/>
        <source>● 正在连接</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="301"/>
        <source>● 已连接</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="302"/>
        <source>● 未授权</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="303"/>
        <source>● 无法连接服务器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="307"/>
        <source>● 离线</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManualPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="271"/>
        <source>手动填写证件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="272"/>
        <source>请选择证件类型并填写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="273"/>
        <source>护照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="273"/>
        <source>其他证件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="273"/>
        <source>身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="276"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="277"/>
        <source>证件号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="278"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="279"/>
        <source>下一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="287"/>
        <source>请填写姓名和证件号码</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessagePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="691"/>
        <source>返回首页</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="561"/>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="567"/>
        <source>园区须知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="562"/>
        <source>请阅读后确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="563"/>
        <source>不同意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="564"/>
        <source>我已阅读并同意</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../kiosk/ui/common/keyboard.py" line="133"/>
        <source>清空</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/common/keyboard.py" line="135"/>
        <source>空格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/common/keyboard.py" line="136"/>
        <source>确定</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OnSitePage</name>
    <message>
        <location filename="../../kiosk/ui/staff/onsite_page.py" line="94"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/onsite_page.py" line="95"/>
        <source>打印点名表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/onsite_page.py" line="96"/>
        <source>清除标记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/onsite_page.py" line="155"/>
        <source>在场 %1 人，已确认 %2 人，未确认 %3 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="725"/>
        <source>您已登记在场</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="727"/>
        <source>%1，您今天已经登记，无需重复登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="729"/>
        <source>访客单丢了可以补打；要离开请点“签离”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="730"/>
        <source>返回首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="731"/>
        <source>补打访客单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="732"/>
        <source>签离</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PermitDialog</name>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="152"/>
        <source>访客通行证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="154"/>
        <source>登记成功：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="154"/>
        <source>补打访客单：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="157"/>
        <source>补打</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="159"/>
        <source>重新打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="159"/>
        <source>打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="160"/>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="216"/>
        <source>未配置打印机</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhonePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="407"/>
        <source>手机号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="408"/>
        <source>用于登记，必要时工作人员会联系您</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="409"/>
        <source>请输入 11 位手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="410"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="411"/>
        <source>下一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="419"/>
        <source>上次登记的号码：%1；号码不变可直接点“下一步”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhotoPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="330"/>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="333"/>
        <source>拍照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="331"/>
        <source>请正对摄像头，摘下帽子和口罩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="332"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="334"/>
        <source>重拍</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="335"/>
        <source>使用这张照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="337"/>
        <source>正在打开摄像头…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PickerCombo</name>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="123"/>
        <source>添加</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="123"/>
        <source>名称</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintsPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="61"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="62"/>
        <source>重试所选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="64"/>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="64"/>
        <source>访客</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="64"/>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="64"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="64"/>
        <source>打印机 / 原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="74"/>
        <source>未配置打印机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="98"/>
        <source>最近 %1 个打印任务，失败 %2 个</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PurposePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="521"/>
        <source>来访事由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="522"/>
        <source>请选择来访事由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="523"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="442"/>
        <source>请刷身份证，或扫描访客二维码 / 查询预约</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="254"/>
        <source>输入查询内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="255"/>
        <source>查询预约</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="256"/>
        <source>新登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="257"/>
        <source>访客信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="259"/>
        <source>被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="260"/>
        <source>姓名或手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="261"/>
        <source>搜索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="262"/>
        <source>来访安排</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="263"/>
        <source>通行权限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="264"/>
        <source>预计离开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="265"/>
        <source>同行人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="266"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="266"/>
        <source>证件号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="266"/>
        <source>手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="267"/>
        <source>添加同行人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="268"/>
        <source>移除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="269"/>
        <source>访客照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="270"/>
        <source>拍照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="271"/>
        <source>重拍</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="272"/>
        <source>访客已阅读并同意入园须知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="273"/>
        <source>查看须知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="274"/>
        <source>确认登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="373"/>
        <source>正在读取：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="440"/>
        <source>已读取身份证：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="445"/>
        <source>⚠ 禁止登记：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="451"/>
        <source>该访客已在场（%1 登记，被访人：%2）：请补打访客单或办理签离，不要重复登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="458"/>
        <source>已找到预约：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="466"/>
        <source>已选择：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="473"/>
        <source>未选择被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="476"/>
        <source>访客卡：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="476"/>
        <source>刷 IC 卡可发放访客卡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="501"/>
        <source>已签离：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="508"/>
        <location filename="../../kiosk/ui/staff/register_page.py" line="531"/>
        <source>（离线数据）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="536"/>
        <source>没有找到被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="560"/>
        <location filename="../../kiosk/ui/staff/register_page.py" line="561"/>
        <source>无照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="598"/>
        <source>没有摄像头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="631"/>
        <source>照片质量：%1（%2）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="636"/>
        <source>照片质量：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="638"/>
        <source>照片已保存，恢复连接后上传（离线未评分）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="640"/>
        <source>，建议重拍</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="656"/>
        <source>入园须知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="676"/>
        <source>请确认访客已阅读入园须知</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelfServiceWindow</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="417"/>
        <source>遇到问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="417"/>
        <source>请重试，或到前台咨询工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="392"/>
        <source>无法自助登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="392"/>
        <source>您暂时不能在此登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="390"/>
        <source>请到前台咨询工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="441"/>
        <source>该手机尾号对应多个预约，请输入访客码或扫描预约二维码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="442"/>
        <source>没有找到您的预约，请核对后重试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="393"/>
        <source>没有找到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="393"/>
        <source>没有找到该访客单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="394"/>
        <source>已签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="394"/>
        <source>这张访客单已经签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="395"/>
        <source>您已登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="395"/>
        <source>离开时请将访客单二维码对准扫码口签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="396"/>
        <source>预约审批中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="396"/>
        <source>您的预约还在审批中，请联系被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="397"/>
        <source>预约无效</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="397"/>
        <source>该预约已失效或被退回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="404"/>
        <source>尚未到访登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="405"/>
        <source>这张访客单还没有登记到访，无需签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="406"/>
        <source>请到入口访客机登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="409"/>
        <source>再见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="410"/>
        <source>%1，您已签离，欢迎再次光临</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="439"/>
        <source>正在读取…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="399"/>
        <source>预约已过期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="400"/>
        <source>您的预约时间已过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="401"/>
        <source>请联系被访人重新预约，或到前台办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="452"/>
        <source>身份证阅读器未连接，请使用手动填写或联系工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="440"/>
        <source>读卡失败，请把身份证重新平放在阅读区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="443"/>
        <source>请保持不动…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="462"/>
        <source>照片已保存（未评分：%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="464"/>
        <source>照片已保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="466"/>
        <source>照片质量 %1 分，很好</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="468"/>
        <source>照片质量 %1 分，建议重拍</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="444"/>
        <source>请输入 11 位手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="445"/>
        <source>请输入被访人的姓名或手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="447"/>
        <source>照片不够清晰，请重拍一张</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="479"/>
        <source>商务洽谈</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="479"/>
        <source>参观</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="479"/>
        <source>其他</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="486"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="487"/>
        <source>证件号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="488"/>
        <source>手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="489"/>
        <source>被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="490"/>
        <source>被访部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="491"/>
        <source>来访事由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="492"/>
        <source>预计离开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="507"/>
        <source>正在打印访客单…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="505"/>
        <source>本机未配置打印机，请到前台领取访客单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="501"/>
        <source>打印完成，请取走访客单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="503"/>
        <source>打印失败：%1。请到前台领取访客单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="446"/>
        <source>本机未配置工作人员登录</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignOutPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="92"/>
        <source>查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="93"/>
        <source>确认签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="162"/>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="166"/>
        <source>无照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="137"/>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="182"/>
        <source>被访人：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="89"/>
        <source>请扫描访客通行证二维码，或刷访客卡、身份证；遗失通行证可输入姓名或手机号查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="91"/>
        <source>二维码 / 预约码 / 证件号码 / 姓名 / 手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="146"/>
        <source>找到 %1 位在场访客，请点选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="183"/>
        <source>登记时间：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="185"/>
        <source>状态：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="205"/>
        <source> 已签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="206"/>
        <source>（待上传）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffConsole</name>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="165"/>
        <source>基础数据尚未缓存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="167"/>
        <source>基础数据更新于刚刚</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="169"/>
        <source>基础数据更新于 %1 分钟前</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="171"/>
        <source>基础数据更新于 %1 小时前</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="199"/>
        <source>（离线登录）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="200"/>
        <source>操作员：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="247"/>
        <source>访客签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="248"/>
        <source>今日访客</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="261"/>
        <source>关闭访客机程序</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="246"/>
        <source>登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="249"/>
        <source>在场人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="250"/>
        <source>打印记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="251"/>
        <source>设备</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="252"/>
        <source>需处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="260"/>
        <source>退出登录</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatePage</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="71"/>
        <source>正在连接服务器…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="72"/>
        <source>请稍候，连接成功后即可登记访客</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="74"/>
        <source>本机未获授权，无法登记访客</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="77"/>
        <source>无法连接服务器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="79"/>
        <source>无法连接服务器，请检查网络或稍后重试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="81"/>
        <source>服务器恢复后，本机会自动连接</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="83"/>
        <source>重试</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StillThere</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="143"/>
        <source>还在吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="144"/>
        <source>%1 秒后返回首页，您填写的信息将被清除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="145"/>
        <source>我还在，继续</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="228"/>
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="229"/>
        <source>在访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="230"/>
        <source>未到访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="231"/>
        <source>已签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="236"/>
        <source>搜索：姓名 / 拼音首字母 / 手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="237"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="239"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="240"/>
        <source>手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="241"/>
        <source>被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="242"/>
        <source>来访事由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="243"/>
        <source>登记时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="244"/>
        <source>预计离开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="245"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="270"/>
        <source>已显示 %1 / 共 %2 条</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitDetailsDialog</name>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="349"/>
        <source>访客详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="350"/>
        <source>凭证下发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="351"/>
        <source>重新下发权限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="352"/>
        <source>通行权限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="353"/>
        <location filename="../../kiosk/ui/staff/today_page.py" line="371"/>
        <source>预计离开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="354"/>
        <source>保存修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="355"/>
        <source>补打访客单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="356"/>
        <source>签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="357"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="360"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="361"/>
        <source>手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="362"/>
        <source>被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="363"/>
        <source>部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="364"/>
        <source>来访事由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="365"/>
        <source>来访单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="367"/>
        <source>登记时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="375"/>
        <source>签离时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="378"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="379"/>
        <source>访客卡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="390"/>
        <location filename="../../kiosk/ui/staff/today_page.py" line="394"/>
        <source>无照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="398"/>
        <source>无法获取下发结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="407"/>
        <source>无下发记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="427"/>
        <source>已重新下发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="447"/>
        <source>（待上传）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="448"/>
        <source> 已签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="473"/>
        <source>已保存：二维码已更新，请补打访客单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="475"/>
        <source>已保存</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="58"/>
        <source>欢迎来访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="58"/>
        <source>签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="60"/>
        <source>请选择登记方式，也可以直接把身份证放到阅读区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="62"/>
        <source>请将访客单上的二维码对准扫码口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="64"/>
        <source>我有预约</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="65"/>
        <source>临时来访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="66"/>
        <source>离开时请将访客单二维码对准扫码口签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="67"/>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="68"/>
        <source>工作人员</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="17"/>
        <source>等待打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="18"/>
        <source>正在打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="19"/>
        <source>已打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="20"/>
        <source>打印失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="27"/>
        <source>通行证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="28"/>
        <source>重打</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="29"/>
        <source>测试/名单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="50"/>
        <source>无介质</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="51"/>
        <source>待下发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="52"/>
        <source>正在下发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="53"/>
        <source>已下发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="54"/>
        <source>下发失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="55"/>
        <source>待删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="56"/>
        <source>正在删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="57"/>
        <source>已删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="58"/>
        <source>删除失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="62"/>
        <source>审批中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="63"/>
        <source>正常</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="64"/>
        <source>迟到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="65"/>
        <source>失效</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="66"/>
        <source>已退回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="67"/>
        <source>超期自动签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="68"/>
        <source>已签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="69"/>
        <source>超期未签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="70"/>
        <source>已到达</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="11"/>
        <source>请正对摄像头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="12"/>
        <source>检测到多张人脸，请一人拍照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="13"/>
        <source>光线太暗</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="14"/>
        <source>光线太亮</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="15"/>
        <source>光线不均匀，请调整位置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="16"/>
        <source>请靠近一点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="17"/>
        <source>请站到画面中央</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="18"/>
        <source>画面模糊，请保持不动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="19"/>
        <source>请正对摄像头，不要歪头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="20"/>
        <source>很好，请保持</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="23"/>
        <source>高</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="24"/>
        <source>中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="25"/>
        <source>低</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="26"/>
        <source>不合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="29"/>
        <source>该访客在黑名单中，禁止登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="30"/>
        <source>未找到该访客记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="31"/>
        <source>该访客已签到，无需重复登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="32"/>
        <source>该访客已签离，本次预约已结束</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="33"/>
        <source>该访客尚未签到（或预约已失效），无需签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="34"/>
        <source>该预约尚在审批中，不能签到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="35"/>
        <source>该预约已失效</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="36"/>
        <source>该预约已被退回，不能签到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="37"/>
        <source>二维码无效：不是本系统签发的访客二维码，或已被篡改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="38"/>
        <source>会话已失效或已登出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="39"/>
        <source>用户名或密码错误</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="40"/>
        <source>endTimeISO: 预计离开时间应晚于当前时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="43"/>
        <source>请输入姓名或手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="44"/>
        <source>请输入查询内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="45"/>
        <source>请输入用户名和密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="46"/>
        <source>服务器身份校验失败，请联系管理员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="47"/>
        <source>该证件没有在场的访客记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="48"/>
        <source>在场访客中没有这个姓名或手机号，请核对</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="49"/>
        <source>手机号格式不正确</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="50"/>
        <source>请填写姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="51"/>
        <source>请选择被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="52"/>
        <source>预计离开时间应晚于现在</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="53"/>
        <source>该访客已在场，请补打访客单或办理签离，不要重复登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="56"/>
        <source>模拟打印机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="57"/>
        <source>打印机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="58"/>
        <source>备用打印机</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
