<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>AttentionPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="116"/>
        <source>服务器：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="157"/>
        <source>需处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="158"/>
        <source>服务器拒收的离线记录。请按服务器的提示修改后重新上传。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="159"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="159"/>
        <source>手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="159"/>
        <source>证件号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="160"/>
        <source>被访人编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="160"/>
        <source>被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="161"/>
        <source>来访单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="161"/>
        <source>来访事由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="161"/>
        <source>车牌号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="164"/>
        <source>移除被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="165"/>
        <source>重新上传</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookedPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="106"/>
        <source>请输入手机号的后四位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="109"/>
        <source>请输入访客码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="114"/>
        <source>我有预约</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="115"/>
        <source>请将预约二维码对准扫码口，或输入访客码 / 手机号后四位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="116"/>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="118"/>
        <source>访客码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="117"/>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="118"/>
        <source>手机号后四位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="119"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="120"/>
        <source>查询预约</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="507"/>
        <source>请确认登记信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="508"/>
        <source>确认后将打印访客单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="509"/>
        <source>返回修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="510"/>
        <source>确认登记</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="132"/>
        <source>身份证阅读器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="132"/>
        <source>IC 卡读卡器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="132"/>
        <source>扫码器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="133"/>
        <source>摄像头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="133"/>
        <source>访客单打印机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="136"/>
        <source>已连接</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="136"/>
        <source>模拟设备</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="137"/>
        <source>未连接</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="137"/>
        <source>不可用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="138"/>
        <source>未启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="141"/>
        <source>设备状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="142"/>
        <source>读卡测试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="142"/>
        <source>刷卡测试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="142"/>
        <source>扫码回显</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="143"/>
        <source>预览画面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="143"/>
        <source>打印测试页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="146"/>
        <source>停止预览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="147"/>
        <source>演示：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="148"/>
        <source>放一张示例身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="149"/>
        <source>刷一张示例卡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="150"/>
        <source>扫一个示例码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="151"/>
        <source>插回阅读器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="151"/>
        <source>拔出阅读器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="153"/>
        <source>无画面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="176"/>
        <source>测试中…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="178"/>
        <source>失败：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="182"/>
        <source>请把身份证放到阅读器上…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="185"/>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="224"/>
        <source>读到：%1（%2）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="192"/>
        <source>请刷卡…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="196"/>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="233"/>
        <source>收到：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="200"/>
        <source>已发送测试页（%1 字节）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="229"/>
        <source>卡号：%1（%2）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="550"/>
        <source>请取走您的访客单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="551"/>
        <source>登记成功，访客单正在打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="552"/>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DynamicForm</name>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="174"/>
        <source>＋ 添加选项…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="197"/>
        <source>添加选项</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../kiosk/ui/common/errors.py" line="20"/>
        <source>禁止登记：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/common/errors.py" line="26"/>
        <source>无法连接服务器，请检查网络或稍后重试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/common/errors.py" line="33"/>
        <source>发生错误，请重试；如反复出现请联系管理员（详情已写入日志）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="25"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="26"/>
        <source>性别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="27"/>
        <source>手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="28"/>
        <source>证件类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="29"/>
        <source>证件号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="30"/>
        <source>来访单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="31"/>
        <source>来访事由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="32"/>
        <source>车牌号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="33"/>
        <source>来访人数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="34"/>
        <source>住址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="35"/>
        <source>证件地址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="36"/>
        <source>发证机关</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="37"/>
        <source>籍贯</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="38"/>
        <source>访客类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="39"/>
        <source>访客照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="40"/>
        <source>预计离开时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="41"/>
        <source>体温</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="42"/>
        <source>访客卡号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="43"/>
        <source>男</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="44"/>
        <source>女</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="45"/>
        <source>随身物品</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="46"/>
        <source>身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="47"/>
        <source>驾驶证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="48"/>
        <source>工作证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="49"/>
        <source>学生证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="50"/>
        <source>军官证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="51"/>
        <source>护照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="52"/>
        <source>其他</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="53"/>
        <source>预约单号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="54"/>
        <source>预约码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="55"/>
        <source>手机号后四位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="56"/>
        <source>二维码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="57"/>
        <source>访客卡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="58"/>
        <source>车牌号码</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HostPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="392"/>
        <source>您要拜访谁？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="393"/>
        <source>输入被访人的姓名或手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="394"/>
        <source>姓名 / 手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="395"/>
        <source>查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="396"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="401"/>
        <source>没有找到，请核对姓名或手机号</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdCardPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="152"/>
        <source>请刷身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="153"/>
        <source>请将身份证平放在下方阅读区，读取完成前不要移开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="154"/>
        <source>身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="155"/>
        <source>没有身份证？护照等其他证件请手动填写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="156"/>
        <source>演示：放一张示例身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="157"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/widgets.py" line="109"/>
        <source>清空</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/login_page.py" line="50"/>
        <source>操作员登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login_page.py" line="51"/>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="616"/>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login_page.py" line="52"/>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="617"/>
        <source>密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login_page.py" line="53"/>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="619"/>
        <source>登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="614"/>
        <source>工作人员登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="615"/>
        <source>登录后退出自助模式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="618"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="198"/>
        <source>离线模式：服务器暂不可用，登记将在恢复后自动上传（待上传 %1 条）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="215"/>
        <source>访客机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="216"/>
        <source>访客登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="217"/>
        <source>● 正在连接</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="217"/>
        <source>● 已连接</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="218"/>
        <source>● 未授权</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="218"/>
        <source>● 无法连接服务器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="221"/>
        <source>● 离线</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManualPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="224"/>
        <source>手动填写证件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="225"/>
        <source>请选择证件类型并填写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="226"/>
        <source>护照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="226"/>
        <source>其他证件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="226"/>
        <source>身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="229"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="230"/>
        <source>证件号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="231"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="232"/>
        <source>下一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="240"/>
        <source>请填写姓名和证件号码</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessagePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="580"/>
        <source>返回首页</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="479"/>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="485"/>
        <source>园区须知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="480"/>
        <source>请阅读后确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="481"/>
        <source>不同意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="482"/>
        <source>我已阅读并同意</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OnSitePage</name>
    <message>
        <location filename="../../kiosk/ui/staff/onsite_page.py" line="76"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/onsite_page.py" line="77"/>
        <source>打印点名表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/onsite_page.py" line="78"/>
        <source>清除标记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/onsite_page.py" line="132"/>
        <source>在场 %1 人，已确认 %2 人，未确认 %3 人</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PermitDialog</name>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="91"/>
        <source>访客通行证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="92"/>
        <source>登记成功：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="93"/>
        <source>重新打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="93"/>
        <source>打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="94"/>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="130"/>
        <source>未配置打印机</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhonePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="342"/>
        <source>手机号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="343"/>
        <source>用于接收来访通知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="344"/>
        <source>请输入 11 位手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="345"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="346"/>
        <source>下一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="349"/>
        <source>上次登记的号码：%1；号码不变可直接点“下一步”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhotoPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="281"/>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="284"/>
        <source>拍照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="282"/>
        <source>请正对摄像头，摘下帽子和口罩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="283"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="285"/>
        <source>重拍</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="286"/>
        <source>使用这张照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="288"/>
        <source>正在打开摄像头…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PickerCombo</name>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="97"/>
        <source>添加</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="97"/>
        <source>名称</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintsPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="48"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="49"/>
        <source>重试所选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="50"/>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="50"/>
        <source>访客</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="50"/>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="50"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="51"/>
        <source>打印机 / 原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="60"/>
        <source>未配置打印机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="78"/>
        <source>最近 %1 个打印任务，失败 %2 个</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PurposePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="443"/>
        <source>来访事由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="444"/>
        <source>请选择来访事由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="445"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="359"/>
        <source>请刷身份证，或扫描访客二维码 / 查询预约</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="218"/>
        <source>输入查询内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="219"/>
        <source>查询预约</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="220"/>
        <source>新登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="221"/>
        <source>访客信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="223"/>
        <source>被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="224"/>
        <source>姓名或手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="225"/>
        <source>搜索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="226"/>
        <source>来访安排</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="227"/>
        <source>通行权限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="228"/>
        <source>预计离开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="229"/>
        <source>同行人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="230"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="230"/>
        <source>证件号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="230"/>
        <source>手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="231"/>
        <source>添加同行人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="232"/>
        <source>移除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="233"/>
        <source>访客照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="234"/>
        <source>拍照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="235"/>
        <source>重拍</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="236"/>
        <source>访客已阅读并同意入园须知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="237"/>
        <source>查看须知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="238"/>
        <source>确认登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="303"/>
        <source>正在读取：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="357"/>
        <source>已读取身份证：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="361"/>
        <source>⚠ 禁止登记：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="365"/>
        <source>已找到预约：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="372"/>
        <source>已选择：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="374"/>
        <source>未选择被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="375"/>
        <source>访客卡：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="375"/>
        <source>刷 IC 卡可发放访客卡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="382"/>
        <location filename="../../kiosk/ui/staff/register_page.py" line="395"/>
        <source>（离线数据）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="399"/>
        <source>没有找到被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="417"/>
        <location filename="../../kiosk/ui/staff/register_page.py" line="418"/>
        <source>无照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="452"/>
        <source>没有摄像头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="480"/>
        <source>照片质量：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="482"/>
        <source>照片已保存，恢复连接后上传（离线未评分）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="484"/>
        <source>，建议重拍</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="498"/>
        <source>入园须知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="515"/>
        <source>请确认访客已阅读入园须知</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelfServiceWindow</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="273"/>
        <source>遇到问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="273"/>
        <source>请重试，或到前台咨询工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="278"/>
        <source>无法自助登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="278"/>
        <source>您暂时不能在此登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="279"/>
        <location filename="../../kiosk/ui/selfservice/window.py" line="296"/>
        <location filename="../../kiosk/ui/selfservice/window.py" line="315"/>
        <source>请到前台咨询工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="291"/>
        <source>该手机尾号对应多个预约，请输入访客码或扫描预约二维码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="294"/>
        <source>没有找到您的预约，请核对后重试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="296"/>
        <source>没有找到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="296"/>
        <source>没有找到该访客单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="305"/>
        <location filename="../../kiosk/ui/selfservice/window.py" line="333"/>
        <source>已签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="305"/>
        <location filename="../../kiosk/ui/selfservice/window.py" line="333"/>
        <source>这张访客单已经签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="308"/>
        <source>您已登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="308"/>
        <source>离开时请将访客单二维码对准扫码口签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="311"/>
        <source>预约审批中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="311"/>
        <source>您的预约还在审批中，请联系被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="314"/>
        <source>预约无效</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="314"/>
        <source>该预约已失效或被退回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="338"/>
        <source>尚未到访登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="338"/>
        <source>这张访客单还没有登记到访，无需签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="339"/>
        <source>请到入口访客机登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="349"/>
        <source>再见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="349"/>
        <source>%1，您已签离，欢迎再次光临</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="357"/>
        <source>正在读取…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="377"/>
        <source>预约已过期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="377"/>
        <source>您的预约时间已过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="378"/>
        <source>请联系被访人重新预约，或到前台办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="392"/>
        <source>身份证阅读器未连接，请使用手动填写或联系工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="399"/>
        <source>读卡失败，请把身份证重新平放在阅读区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="432"/>
        <source>请保持不动…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="453"/>
        <source>照片已保存（未评分：%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="453"/>
        <location filename="../../kiosk/ui/selfservice/window.py" line="455"/>
        <source>照片已保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="457"/>
        <source>照片质量 %1 分，很好</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="459"/>
        <source>照片质量 %1 分，建议重拍</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="486"/>
        <location filename="../../kiosk/ui/selfservice/window.py" line="489"/>
        <source>请输入 11 位手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="499"/>
        <source>请输入被访人的姓名或手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="511"/>
        <source>商务洽谈</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="511"/>
        <source>参观</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="511"/>
        <source>其他</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="538"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="539"/>
        <source>证件号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="540"/>
        <source>手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="541"/>
        <source>被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="542"/>
        <source>被访部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="543"/>
        <source>来访事由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="544"/>
        <source>预计离开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="578"/>
        <location filename="../../kiosk/ui/selfservice/window.py" line="611"/>
        <source>正在打印访客单…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="582"/>
        <source>本机未配置打印机，请到前台领取访客单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="607"/>
        <source>打印完成，请取走访客单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="609"/>
        <source>打印失败：%1。请到前台领取访客单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="618"/>
        <source>本机未配置工作人员登录</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignOutPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="68"/>
        <source>请扫描访客通行证二维码，或刷访客卡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="69"/>
        <source>二维码 / 预约码 / 证件号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="70"/>
        <source>查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="71"/>
        <source>确认签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="104"/>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="106"/>
        <source>无照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="121"/>
        <source>被访人：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="122"/>
        <source>登记时间：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="123"/>
        <source>状态：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="140"/>
        <source> 已签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="141"/>
        <source>（待上传）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffConsole</name>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="106"/>
        <source>基础数据尚未缓存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="108"/>
        <source>基础数据更新于刚刚</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="110"/>
        <source>基础数据更新于 %1 分钟前</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="112"/>
        <source>基础数据更新于 %1 小时前</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="134"/>
        <location filename="../../kiosk/ui/staff/console.py" line="180"/>
        <source>操作员：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="168"/>
        <source>访客签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="168"/>
        <source>今日访客</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="168"/>
        <source>登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="169"/>
        <source>在场人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="169"/>
        <source>打印记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="169"/>
        <source>设备</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="170"/>
        <source>需处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="176"/>
        <source>退出登录</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatePage</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="58"/>
        <source>正在连接服务器…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="59"/>
        <source>请稍候，连接成功后即可登记访客</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="61"/>
        <source>本机未获授权，无法登记访客</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="64"/>
        <source>无法连接服务器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="65"/>
        <source>无法连接服务器，请检查网络或稍后重试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="66"/>
        <source>重试</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="183"/>
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="183"/>
        <source>在访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="183"/>
        <source>未到访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="184"/>
        <source>已签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="188"/>
        <source>搜索：姓名 / 拼音首字母 / 手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="189"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="190"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="190"/>
        <source>手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="190"/>
        <source>被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="190"/>
        <source>来访事由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="191"/>
        <source>登记时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="191"/>
        <source>预计离开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="191"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="213"/>
        <source>已显示 %1 / 共 %2 条</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitDetailsDialog</name>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="279"/>
        <source>访客详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="280"/>
        <source>凭证下发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="281"/>
        <source>重新下发权限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="282"/>
        <source>通行权限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="283"/>
        <location filename="../../kiosk/ui/staff/today_page.py" line="291"/>
        <source>预计离开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="284"/>
        <source>保存修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="285"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="287"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="287"/>
        <source>手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="288"/>
        <source>被访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="288"/>
        <source>部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="289"/>
        <source>来访事由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="289"/>
        <source>来访单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="290"/>
        <source>登记时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="292"/>
        <source>签离时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="293"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="293"/>
        <source>访客卡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="302"/>
        <location filename="../../kiosk/ui/staff/today_page.py" line="304"/>
        <source>无照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="307"/>
        <source>无法获取下发结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="316"/>
        <source>无下发记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="335"/>
        <source>已重新下发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="343"/>
        <source>已保存</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="48"/>
        <source>欢迎来访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="48"/>
        <source>签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="49"/>
        <source>请选择登记方式，也可以直接把身份证放到阅读区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="50"/>
        <source>请将访客单上的二维码对准扫码口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="51"/>
        <source>我有预约</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="52"/>
        <source>临时来访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="53"/>
        <source>离开时请将访客单二维码对准扫码口签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="54"/>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="55"/>
        <source>工作人员</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="15"/>
        <source>等待打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="15"/>
        <source>正在打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="16"/>
        <source>已打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="16"/>
        <source>打印失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="16"/>
        <source>通行证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="16"/>
        <source>重打</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="17"/>
        <source>测试/名单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="26"/>
        <source>无介质</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="26"/>
        <source>待下发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="27"/>
        <source>正在下发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="27"/>
        <source>已下发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="28"/>
        <source>下发失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="28"/>
        <source>待删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="29"/>
        <source>正在删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="29"/>
        <source>已删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="30"/>
        <source>删除失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="32"/>
        <source>审批中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="32"/>
        <source>正常</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="32"/>
        <source>迟到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="33"/>
        <source>失效</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="33"/>
        <source>已退回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="34"/>
        <source>超期自动签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="34"/>
        <source>已签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="35"/>
        <source>超期未签离</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="35"/>
        <source>已到达</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
