<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AttentionPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="159" />
        <source>服务器：</source>
        <translation>Server: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="171" />
        <source>（未知）</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="171" />
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="173" />
        <source>被访人：</source>
        <translation>Host: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="247" />
        <source>需处理</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="248" />
        <source>服务器拒收的离线记录。请按服务器的提示修改后重新上传。</source>
        <translation>Offline records the server refused. Fix them as the server says, then send them again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="250" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="251" />
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="252" />
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="253" />
        <source>来访单位</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="254" />
        <source>来访事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="255" />
        <source>车牌号码</source>
        <translation>Car plate</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="257" />
        <source>更换被访人：输入姓名或手机号</source>
        <translation>Change the host: type a name or phone number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="258" />
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="262" />
        <source>移除被访人</source>
        <translation>Remove host</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/attention_page.py" line="263" />
        <source>重新上传</source>
        <translation>Send again</translation>
    </message>
</context>
<context>
    <name>BookedPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="123" />
        <source>请输入手机号的后四位</source>
        <translation>Enter the last 4 digits of your phone</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="126" />
        <source>请输入访客码</source>
        <translation>Enter your visitor code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="131" />
        <source>我有预约</source>
        <translation>I have an appointment</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="132" />
        <source>请将预约二维码对准扫码口，或输入访客码 / 手机号后四位</source>
        <translation>Hold your appointment QR code to the scanner, or enter your visitor code / last 4 phone digits</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="133" />
        <location filename="../../kiosk/ui/selfservice/pages.py" line="136" />
        <source>访客码</source>
        <translation>Visitor code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="134" />
        <location filename="../../kiosk/ui/selfservice/pages.py" line="136" />
        <source>手机号后四位</source>
        <translation>Last 4 digits of mobile</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="138" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="139" />
        <source>查询预约</source>
        <translation>Find booking</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="589" />
        <source>请确认登记信息</source>
        <translation>Please check your details</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="590" />
        <source>确认后将打印访客单</source>
        <translation>Your permit prints after you confirm</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="591" />
        <source>返回修改</source>
        <translation>Back to edit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="592" />
        <source>确认登记</source>
        <translation>Register</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="156" />
        <source>身份证阅读器</source>
        <translation>ID card reader</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="157" />
        <source>IC 卡读卡器</source>
        <translation>Contactless card reader</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="158" />
        <source>扫码器</source>
        <translation>QR scanner</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="159" />
        <source>摄像头</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="160" />
        <source>访客单打印机</source>
        <translation>Permit printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="165" />
        <source>已连接</source>
        <translation>Connected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="166" />
        <source>模拟设备</source>
        <translation>Simulated</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="167" />
        <source>未连接</source>
        <translation>Not connected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="168" />
        <source>不可用</source>
        <translation>Unavailable</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="169" />
        <source>未启用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="177" />
        <source>演示模式：这是模拟设备，不连接真实硬件</source>
        <translation>Demo mode: a simulated device, no real hardware</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="179" />
        <source>本机没有设置这台设备；需要时请联系技术人员</source>
        <translation>This device is not set up on this kiosk; ask a technician if you need it</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="182" />
        <source>打印机没有响应：请检查电源、纸张和连接线，然后点“打印测试页”</source>
        <translation>The printer does not answer: check its power, paper and cable, then press "Print test page"</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="183" />
        <source>摄像头没有画面：请检查连接线；仍可不拍照登记</source>
        <translation>The camera shows nothing: check its cable; you can still register without a photo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="184" />
        <source>设备没有连接：请检查连接线是否插好，设备插好后会自动恢复</source>
        <translation>The device is not connected: check its cable; it comes back by itself once plugged in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="185" />
        <source>这台设备在本机上无法使用：请联系技术人员（点“详情”查看原因）</source>
        <translation>This device cannot be used on this kiosk: ask a technician (press "Details" for why)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="188" />
        <source>设备状态</source>
        <translation>Device status</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="190" />
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="192" />
        <source>读卡测试</source>
        <translation>Test read</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="193" />
        <source>刷卡测试</source>
        <translation>Test tap</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="194" />
        <source>扫码回显</source>
        <translation>Scan echo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="195" />
        <source>预览画面</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="196" />
        <source>打印测试页</source>
        <translation>Print test page</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="201" />
        <source>停止预览</source>
        <translation>Stop preview</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="203" />
        <source>演示：</source>
        <translation>Demo:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="204" />
        <source>放一张示例身份证</source>
        <translation>Present a sample ID card</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="205" />
        <source>刷一张示例卡</source>
        <translation>Tap a sample card</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="206" />
        <source>扫一个示例码</source>
        <translation>Scan a sample code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="207" />
        <source>插回阅读器</source>
        <translation>Plug the reader back in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="207" />
        <source>拔出阅读器</source>
        <translation>Unplug the reader</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="209" />
        <source>无画面</source>
        <translation>No picture</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="232" />
        <source>测试中…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="234" />
        <source>失败：</source>
        <translation>Failed: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="238" />
        <source>请把身份证放到阅读器上…</source>
        <translation>Place an ID card on the reader…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="243" />
        <location filename="../../kiosk/ui/staff/devices_page.py" line="290" />
        <source>读到：%1（%2）</source>
        <translation>Read: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="252" />
        <source>请刷卡…</source>
        <translation>Tap a card…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="256" />
        <location filename="../../kiosk/ui/staff/devices_page.py" line="303" />
        <source>收到：</source>
        <translation>Received: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="263" />
        <source>已发送测试页（%1 字节）</source>
        <translation>Test page sent (%1 bytes)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/devices_page.py" line="298" />
        <source>卡号：%1（%2）</source>
        <translation>Card: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="640" />
        <source>请取走您的访客单</source>
        <translation>Please take your visitor permit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="641" />
        <source>登记成功，访客单正在打印</source>
        <translation>Registered. Your permit is printing</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="642" />
        <source>完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>DynamicForm</name>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="203" />
        <source>＋ 添加选项…</source>
        <translation>+ Add option…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="226" />
        <source>添加选项</source>
        <translation>Add option</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../kiosk/ui/common/errors.py" line="22" />
        <source>禁止登记：</source>
        <translation>Registration refused: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/common/errors.py" line="28" />
        <source>无法连接服务器，请检查网络或稍后重试</source>
        <translation>Cannot reach the server. Check the network or try again later.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/common/errors.py" line="36" />
        <source>发生错误，请重试；如反复出现请联系管理员（详情已写入日志）</source>
        <translation>Something went wrong. Please try again; if it keeps happening, call the administrator (details are in the log).</translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="44" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="45" />
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="46" />
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="47" />
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="48" />
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="49" />
        <source>来访单位</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="50" />
        <source>来访事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="51" />
        <source>车牌号</source>
        <translation>Car plate</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="52" />
        <source>来访人数</source>
        <translation>Visitors</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="53" />
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="54" />
        <source>证件地址</source>
        <translation>Address on ID</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="55" />
        <source>发证机关</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="56" />
        <source>籍贯</source>
        <translation>Birthplace</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="57" />
        <source>访客类型</source>
        <translation>Visitor type</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="58" />
        <source>访客照片</source>
        <translation>Visitor photo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="59" />
        <source>预计离开时间</source>
        <translation>Expected leave time</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="60" />
        <source>体温</source>
        <translation>Temperature</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="61" />
        <source>访客卡号</source>
        <translation>Visitor card no.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="62" />
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="63" />
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="64" />
        <source>随身物品</source>
        <translation>Belongings</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="65" />
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="66" />
        <source>驾驶证</source>
        <translation>Driving licence</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="67" />
        <source>工作证</source>
        <translation>Work ID</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="68" />
        <source>学生证</source>
        <translation>Student ID</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="69" />
        <source>军官证</source>
        <translation>Military ID</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="70" />
        <source>护照</source>
        <translation>Passport</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="71" />
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="72" />
        <source>预约单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="73" />
        <source>预约码</source>
        <translation>Visitor code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="74" />
        <source>手机号后四位</source>
        <translation>Last 4 digits of mobile</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="75" />
        <source>二维码</source>
        <translation>QR code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="76" />
        <source>访客卡</source>
        <translation>Visitor card</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="77" />
        <source>车牌号码</source>
        <translation>Car plate</translation>
    </message>
</context>
<context>
    <name>HostPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="472" />
        <source>您要拜访谁？</source>
        <translation>Whom are you visiting?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="473" />
        <source>输入被访人的姓名拼音、拼音首字母或手机号</source>
        <translation>Type the name in pinyin, its initials, or the mobile number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="474" />
        <source>如 wjg、wangjianguo 或手机号</source>
        <translation>e.g. wjg, wangjianguo or a mobile number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="475" />
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="476" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="481" />
        <source>没有找到，请核对姓名或手机号</source>
        <translation>Nobody found; please check the name or number</translation>
    </message>
</context>
<context>
    <name>IdCardPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="170" />
        <source>请刷身份证</source>
        <translation>Place your ID card</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="171" />
        <source>请将身份证平放在下方阅读区，读取完成前不要移开</source>
        <translation>Lay your ID card flat on the reader below and keep it there until it has been read</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="172" />
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="173" />
        <source>没有身份证？护照等其他证件请手动填写</source>
        <translation>No ID card? Enter a passport or other document by hand</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="174" />
        <source>演示：放一张示例身份证</source>
        <translation>Demo: present a sample ID card</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="175" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/widgets.py" line="169" />
        <source>清空</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/login_page.py" line="57" />
        <source>操作员登录</source>
        <translation>Operator login</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login_page.py" line="58" />
        <location filename="../../kiosk/ui/selfservice/pages.py" line="789" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login_page.py" line="59" />
        <location filename="../../kiosk/ui/selfservice/pages.py" line="790" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login_page.py" line="60" />
        <location filename="../../kiosk/ui/selfservice/pages.py" line="792" />
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login_page.py" line="63" />
        <source>演示数据：用户名 %1，密码 %2</source>
        <translation>Demo data: user %1, password %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="787" />
        <source>工作人员登录</source>
        <translation>Staff login</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="788" />
        <source>登录后退出自助模式</source>
        <translation>Log in to leave self-service</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="791" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="229" />
        <source>黑名单人员尝试登记：%1</source>
        <translation>A blacklisted person tried to register: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="231" />
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="233" />
        <source>，%1</source>
        <translation>, %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="278" />
        <source>离线模式：服务器暂不可用，登记将在恢复后自动上传（待上传 %1 条）</source>
        <translation>Offline: the server is unavailable; registrations upload automatically when it is back (%1 waiting)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="297" />
        <source>访客机</source>
        <translation>Visitor kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="298" />
        <source>访客登记</source>
        <translation>Visitor registration</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="300" />
        <source>● 正在连接</source>
        <translation>● Connecting</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="301" />
        <source>● 已连接</source>
        <translation>● Connected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="302" />
        <source>● 未授权</source>
        <translation>● Not licensed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="303" />
        <source>● 无法连接服务器</source>
        <translation>● Server unreachable</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="307" />
        <source>● 离线</source>
        <translation>● Offline</translation>
    </message>
</context>
<context>
    <name>ManualPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="271" />
        <source>手动填写证件</source>
        <translation>Enter your document</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="272" />
        <source>请选择证件类型并填写</source>
        <translation>Choose the document type and fill in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="273" />
        <source>护照</source>
        <translation>Passport</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="273" />
        <source>其他证件</source>
        <translation>Other document</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="273" />
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="276" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="277" />
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="278" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="279" />
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="287" />
        <source>请填写姓名和证件号码</source>
        <translation>Please enter your name and document number</translation>
    </message>
</context>
<context>
    <name>MessagePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="691" />
        <source>返回首页</source>
        <translation>Home</translation>
    </message>
</context>
<context>
    <name>NoticePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="561" />
        <location filename="../../kiosk/ui/selfservice/pages.py" line="567" />
        <source>园区须知</source>
        <translation>Site rules</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="562" />
        <source>请阅读后确认</source>
        <translation>Please read and confirm</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="563" />
        <source>不同意</source>
        <translation>Decline</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="564" />
        <source>我已阅读并同意</source>
        <translation>I have read and agree</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../kiosk/ui/common/keyboard.py" line="133" />
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/common/keyboard.py" line="135" />
        <source>空格</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/common/keyboard.py" line="136" />
        <source>确定</source>
        <translation>Enter</translation>
    </message>
</context>
<context>
    <name>OnSitePage</name>
    <message>
        <location filename="../../kiosk/ui/staff/onsite_page.py" line="94" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/onsite_page.py" line="95" />
        <source>打印点名表</source>
        <translation>Print roll call</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/onsite_page.py" line="96" />
        <source>清除标记</source>
        <translation>Clear ticks</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/onsite_page.py" line="155" />
        <source>在场 %1 人，已确认 %2 人，未确认 %3 人</source>
        <translation>%1 on site, %2 accounted for, %3 missing</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="725" />
        <source>您已登记在场</source>
        <translation>You are registered already</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="727" />
        <source>%1，您今天已经登记，无需重复登记</source>
        <translation>%1, you registered today already: no need to register again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="729" />
        <source>访客单丢了可以补打；要离开请点“签离”</source>
        <translation>Lost your pass? Print it again. Leaving? Press "Sign out"</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="730" />
        <source>返回首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="731" />
        <source>补打访客单</source>
        <translation>Print my pass again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="732" />
        <source>签离</source>
        <translation>Sign out</translation>
    </message>
</context>
<context>
    <name>PermitDialog</name>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="152" />
        <source>访客通行证</source>
        <translation>Visitor permit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="154" />
        <source>登记成功：</source>
        <translation>Registered: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="154" />
        <source>补打访客单：</source>
        <translation>Reprint the pass:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="157" />
        <source>补打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="159" />
        <source>重新打印</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="159" />
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="160" />
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="216" />
        <source>未配置打印机</source>
        <translation>No printer configured</translation>
    </message>
</context>
<context>
    <name>PhonePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="407" />
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="408" />
        <source>用于登记，必要时工作人员会联系您</source>
        <translation>For your registration; staff may call you if needed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="409" />
        <source>请输入 11 位手机号</source>
        <translation>Enter your 11-digit mobile number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="410" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="411" />
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="419" />
        <source>上次登记的号码：%1；号码不变可直接点“下一步”</source>
        <translation>Number from your last visit: %1. If it has not changed, just tap "Next"</translation>
    </message>
</context>
<context>
    <name>PhotoPage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="330" />
        <location filename="../../kiosk/ui/selfservice/pages.py" line="333" />
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="331" />
        <source>请正对摄像头，摘下帽子和口罩</source>
        <translation>Face the camera; remove hat and mask</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="332" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="334" />
        <source>重拍</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="335" />
        <source>使用这张照片</source>
        <translation>Use this photo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="337" />
        <source>正在打开摄像头…</source>
        <translation>Opening the camera…</translation>
    </message>
</context>
<context>
    <name>PickerCombo</name>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="123" />
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/form.py" line="123" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
</context>
<context>
    <name>PrintsPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="61" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="62" />
        <source>重试所选</source>
        <translation>Retry selected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="64" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="64" />
        <source>访客</source>
        <translation>Visitor</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="64" />
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="64" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="64" />
        <source>打印机 / 原因</source>
        <translation>Printer / reason</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="74" />
        <source>未配置打印机</source>
        <translation>No printer configured</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="98" />
        <source>最近 %1 个打印任务，失败 %2 个</source>
        <translation>Last %1 print jobs, %2 failed</translation>
    </message>
</context>
<context>
    <name>PurposePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="521" />
        <source>来访事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="522" />
        <source>请选择来访事由</source>
        <translation>Choose the purpose of your visit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="523" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="442" />
        <source>请刷身份证，或扫描访客二维码 / 查询预约</source>
        <translation>Tap an ID card, scan the visitor's QR code, or look up a booking</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="254" />
        <source>输入查询内容</source>
        <translation>Search for…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="255" />
        <source>查询预约</source>
        <translation>Find booking</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="256" />
        <source>新登记</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="257" />
        <source>访客信息</source>
        <translation>Visitor</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="259" />
        <source>被访人</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="260" />
        <source>姓名或手机号</source>
        <translation>Name or mobile</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="261" />
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="262" />
        <source>来访安排</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="263" />
        <source>通行权限</source>
        <translation>Access</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="264" />
        <source>预计离开</source>
        <translation>Leaves at</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="265" />
        <source>同行人</source>
        <translation>Companions</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="266" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="266" />
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="266" />
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="267" />
        <source>添加同行人</source>
        <translation>Add companion</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="268" />
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="269" />
        <source>访客照片</source>
        <translation>Visitor photo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="270" />
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="271" />
        <source>重拍</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="272" />
        <source>访客已阅读并同意入园须知</source>
        <translation>The visitor has read and accepts the site notice</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="273" />
        <source>查看须知</source>
        <translation>Show notice</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="274" />
        <source>确认登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="373" />
        <source>正在读取：</source>
        <translation>Reading: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="440" />
        <source>已读取身份证：</source>
        <translation>ID card read: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="445" />
        <source>⚠ 禁止登记：</source>
        <translation>⚠ Refused: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="451" />
        <source>该访客已在场（%1 登记，被访人：%2）：请补打访客单或办理签离，不要重复登记</source>
        <translation>This visitor is on site (registered %1, host: %2): reprint the pass or sign them out, do not register again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="458" />
        <source>已找到预约：</source>
        <translation>Booking found: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="466" />
        <source>已选择：</source>
        <translation>Chosen: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="473" />
        <source>未选择被访人</source>
        <translation>No host chosen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="476" />
        <source>访客卡：</source>
        <translation>Visitor card: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="476" />
        <source>刷 IC 卡可发放访客卡</source>
        <translation>Tap a card to issue it as the visitor card</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="501" />
        <source>已签离：</source>
        <translation>Signed out:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="508" />
        <location filename="../../kiosk/ui/staff/register_page.py" line="531" />
        <source>（离线数据）</source>
        <translation> (offline data)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="536" />
        <source>没有找到被访人</source>
        <translation>No host found</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="560" />
        <location filename="../../kiosk/ui/staff/register_page.py" line="561" />
        <source>无照片</source>
        <translation>No photo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="598" />
        <source>没有摄像头</source>
        <translation>No camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="631" />
        <source>照片质量：%1（%2）</source>
        <translation>Photo quality: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="636" />
        <source>照片质量：%1</source>
        <translation>Photo quality: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="638" />
        <source>照片已保存，恢复连接后上传（离线未评分）</source>
        <translation>Photo kept; it uploads when the server is back (not scored offline)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="640" />
        <source>，建议重拍</source>
        <translation>, please retake</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="656" />
        <source>入园须知</source>
        <translation>Site notice</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/register_page.py" line="676" />
        <source>请确认访客已阅读入园须知</source>
        <translation>Please confirm the visitor has read the site notice</translation>
    </message>
</context>
<context>
    <name>SelfServiceWindow</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="417" />
        <source>遇到问题</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="417" />
        <source>请重试，或到前台咨询工作人员</source>
        <translation>Please try again, or ask the staff at the front desk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="392" />
        <source>无法自助登记</source>
        <translation>Self-registration not possible</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="392" />
        <source>您暂时不能在此登记</source>
        <translation>You cannot register here right now</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="390" />
        <source>请到前台咨询工作人员</source>
        <translation>Please ask the staff at the front desk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="441" />
        <source>该手机尾号对应多个预约，请输入访客码或扫描预约二维码</source>
        <translation>Several appointments share these digits; enter your visitor code or scan the appointment QR code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="442" />
        <source>没有找到您的预约，请核对后重试</source>
        <translation>No appointment found; please check and try again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="393" />
        <source>没有找到</source>
        <translation>Not found</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="393" />
        <source>没有找到该访客单</source>
        <translation>No such visitor permit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="394" />
        <source>已签离</source>
        <translation>Signed out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="394" />
        <source>这张访客单已经签离</source>
        <translation>This permit has already been signed out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="395" />
        <source>您已登记</source>
        <translation>You are registered</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="395" />
        <source>离开时请将访客单二维码对准扫码口签离</source>
        <translation>When leaving, hold your permit's QR code to the scanner to sign out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="396" />
        <source>预约审批中</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="396" />
        <source>您的预约还在审批中，请联系被访人</source>
        <translation>Your appointment is still awaiting approval; please contact your host</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="397" />
        <source>预约无效</source>
        <translation>Appointment not valid</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="397" />
        <source>该预约已失效或被退回</source>
        <translation>This appointment has expired or was declined</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="404" />
        <source>尚未到访登记</source>
        <translation>Not checked in yet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="405" />
        <source>这张访客单还没有登记到访，无需签离</source>
        <translation>This permit was never checked in; no sign-out is needed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="406" />
        <source>请到入口访客机登记</source>
        <translation>Please register at the entrance kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="409" />
        <source>再见</source>
        <translation>Goodbye</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="410" />
        <source>%1，您已签离，欢迎再次光临</source>
        <translation>%1, you are signed out. Welcome back any time</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="439" />
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="399" />
        <source>预约已过期</source>
        <translation>Appointment expired</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="400" />
        <source>您的预约时间已过</source>
        <translation>Your appointment time has passed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="401" />
        <source>请联系被访人重新预约，或到前台办理</source>
        <translation>Please ask your host to book again, or go to the front desk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="452" />
        <source>身份证阅读器未连接，请使用手动填写或联系工作人员</source>
        <translation>The ID card reader is not connected; enter your document by hand or ask the staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="440" />
        <source>读卡失败，请把身份证重新平放在阅读区</source>
        <translation>The card could not be read; lay it flat on the reader again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="443" />
        <source>请保持不动…</source>
        <translation>Hold still…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="462" />
        <source>照片已保存（未评分：%1）</source>
        <translation>Photo saved (not scored: %1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="464" />
        <source>照片已保存</source>
        <translation>Photo saved</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="466" />
        <source>照片质量 %1 分，很好</source>
        <translation>Photo quality %1: good</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="468" />
        <source>照片质量 %1 分，建议重拍</source>
        <translation>Photo quality %1; a retake is recommended</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="444" />
        <source>请输入 11 位手机号</source>
        <translation>Enter your 11-digit mobile number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="445" />
        <source>请输入被访人的姓名或手机号</source>
        <translation>Enter your host's name or phone number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="447" />
        <source>照片不够清晰，请重拍一张</source>
        <translation>The photo is not clear enough: please take another</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="479" />
        <source>商务洽谈</source>
        <translation>Business meeting</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="479" />
        <source>参观</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="479" />
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="486" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="487" />
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="488" />
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="489" />
        <source>被访人</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="490" />
        <source>被访部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="491" />
        <source>来访事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="492" />
        <source>预计离开</source>
        <translation>Leaves at</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="507" />
        <source>正在打印访客单…</source>
        <translation>Printing your permit…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="505" />
        <source>本机未配置打印机，请到前台领取访客单</source>
        <translation>No printer on this kiosk; please collect your permit at the front desk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="501" />
        <source>打印完成，请取走访客单</source>
        <translation>Printed. Please take your permit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="503" />
        <source>打印失败：%1。请到前台领取访客单</source>
        <translation>Printing failed: %1. Please collect your permit at the front desk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="446" />
        <source>本机未配置工作人员登录</source>
        <translation>Staff login is not set up on this kiosk</translation>
    </message>
</context>
<context>
    <name>SignOutPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="92" />
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="93" />
        <source>确认签离</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="162" />
        <location filename="../../kiosk/ui/staff/signout_page.py" line="166" />
        <source>无照片</source>
        <translation>No photo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="137" />
        <location filename="../../kiosk/ui/staff/signout_page.py" line="182" />
        <source>被访人：</source>
        <translation>Host: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="89" />
        <source>请扫描访客通行证二维码，或刷访客卡、身份证；遗失通行证可输入姓名或手机号查找</source>
        <translation>Scan the pass's QR code, or tap the visitor card or ID card; for a lost pass, search a name or phone</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="91" />
        <source>二维码 / 预约码 / 证件号码 / 姓名 / 手机号</source>
        <translation>QR code / visitor code / ID number / name / phone</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="146" />
        <source>找到 %1 位在场访客，请点选</source>
        <translation>%1 visitors on site match: choose one</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="183" />
        <source>登记时间：</source>
        <translation>Registered: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="185" />
        <source>状态：</source>
        <translation>Status: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="205" />
        <source> 已签离</source>
        <translation> signed out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/signout_page.py" line="206" />
        <source>（待上传）</source>
        <translation> (waiting to upload)</translation>
    </message>
</context>
<context>
    <name>StaffConsole</name>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="165" />
        <source>基础数据尚未缓存</source>
        <translation>Reference data not cached yet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="167" />
        <source>基础数据更新于刚刚</source>
        <translation>Reference data updated just now</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="169" />
        <source>基础数据更新于 %1 分钟前</source>
        <translation>Reference data updated %1 min ago</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="171" />
        <source>基础数据更新于 %1 小时前</source>
        <translation>Reference data updated %1 h ago</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="199" />
        <source>（离线登录）</source>
        <translation>(offline login)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="200" />
        <source>操作员：</source>
        <translation>Operator: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="247" />
        <source>访客签离</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="248" />
        <source>今日访客</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="261" />
        <source>关闭访客机程序</source>
        <translation>Quit the kiosk program</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="246" />
        <source>登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="249" />
        <source>在场人员</source>
        <translation>On site</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="250" />
        <source>打印记录</source>
        <translation>Prints</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="251" />
        <source>设备</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="252" />
        <source>需处理</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/console.py" line="260" />
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
</context>
<context>
    <name>StatePage</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="71" />
        <source>正在连接服务器…</source>
        <translation>Connecting to the server…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="72" />
        <source>请稍候，连接成功后即可登记访客</source>
        <translation>Please wait; registration opens once connected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="74" />
        <source>本机未获授权，无法登记访客</source>
        <translation>This kiosk is not licensed; registration is not possible</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="77" />
        <source>无法连接服务器</source>
        <translation>Cannot reach the server</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="79" />
        <source>无法连接服务器，请检查网络或稍后重试</source>
        <translation>Cannot reach the server. Check the network or try again later.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="81" />
        <source>服务器恢复后，本机会自动连接</source>
        <translation>The kiosk connects by itself when the server is back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="83" />
        <source>重试</source>
        <translation>Retry</translation>
    </message>
</context>
<context>
    <name>StillThere</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="143" />
        <source>还在吗？</source>
        <translation>Still there?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="144" />
        <source>%1 秒后返回首页，您填写的信息将被清除</source>
        <translation>Back to the start in %1 s; what you entered will be cleared</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/window.py" line="145" />
        <source>我还在，继续</source>
        <translation>I'm here, continue</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="228" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="229" />
        <source>在访</source>
        <translation>On site</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="230" />
        <source>未到访</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="231" />
        <source>已签离</source>
        <translation>Signed out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="236" />
        <source>搜索：姓名 / 拼音首字母 / 手机号</source>
        <translation>Search: name / pinyin initials / mobile</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="237" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="239" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="240" />
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="241" />
        <source>被访人</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="242" />
        <source>来访事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="243" />
        <source>登记时间</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="244" />
        <source>预计离开</source>
        <translation>Leaves at</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="245" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="270" />
        <source>已显示 %1 / 共 %2 条</source>
        <translation>Showing %1 of %2</translation>
    </message>
</context>
<context>
    <name>VisitDetailsDialog</name>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="349" />
        <source>访客详情</source>
        <translation>Visit details</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="350" />
        <source>凭证下发</source>
        <translation>Credentials</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="351" />
        <source>重新下发权限</source>
        <translation>Issue again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="352" />
        <source>通行权限</source>
        <translation>Access</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="353" />
        <location filename="../../kiosk/ui/staff/today_page.py" line="371" />
        <source>预计离开</source>
        <translation>Leaves at</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="354" />
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="355" />
        <source>补打访客单</source>
        <translation>Print my pass again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="356" />
        <source>签离</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="357" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="360" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="361" />
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="362" />
        <source>被访人</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="363" />
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="364" />
        <source>来访事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="365" />
        <source>来访单位</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="367" />
        <source>登记时间</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="375" />
        <source>签离时间</source>
        <translation>Signed out at</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="378" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="379" />
        <source>访客卡</source>
        <translation>Visitor card</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="390" />
        <location filename="../../kiosk/ui/staff/today_page.py" line="394" />
        <source>无照片</source>
        <translation>No photo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="398" />
        <source>无法获取下发结果</source>
        <translation>Credential results unavailable</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="407" />
        <source>无下发记录</source>
        <translation>No credentials issued</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="427" />
        <source>已重新下发</source>
        <translation>Issued again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="447" />
        <source>（待上传）</source>
        <translation> (waiting to upload)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="448" />
        <source> 已签离</source>
        <translation> signed out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="473" />
        <source>已保存：二维码已更新，请补打访客单</source>
        <translation>Saved: the QR code changed, please reprint the permit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="475" />
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="58" />
        <source>欢迎来访</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="58" />
        <source>签离</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="60" />
        <source>请选择登记方式，也可以直接把身份证放到阅读区</source>
        <translation>Choose how to register, or simply place your ID card on the reader</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="62" />
        <source>请将访客单上的二维码对准扫码口</source>
        <translation>Hold the QR code on your permit to the scanner</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="64" />
        <source>我有预约</source>
        <translation>I have an appointment</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="65" />
        <source>临时来访</source>
        <translation>Walk-in visit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="66" />
        <source>离开时请将访客单二维码对准扫码口签离</source>
        <translation>When leaving, hold your permit's QR code to the scanner to sign out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="67" />
        <source>English</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/selfservice/pages.py" line="68" />
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="17" />
        <source>等待打印</source>
        <translation>Waiting to print</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="18" />
        <source>正在打印</source>
        <translation>Printing</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="19" />
        <source>已打印</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/permit_dialog.py" line="20" />
        <source>打印失败</source>
        <translation>Print failed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="27" />
        <source>通行证</source>
        <translation>Permit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="28" />
        <source>重打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/prints_page.py" line="29" />
        <source>测试/名单</source>
        <translation>Test / list</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="50" />
        <source>无介质</source>
        <translation>No medium</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="51" />
        <source>待下发</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="52" />
        <source>正在下发</source>
        <translation>Issuing</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="53" />
        <source>已下发</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="54" />
        <source>下发失败</source>
        <translation>Issue failed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="55" />
        <source>待删除</source>
        <translation>To delete</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="56" />
        <source>正在删除</source>
        <translation>Deleting</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="57" />
        <source>已删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="58" />
        <source>删除失败</source>
        <translation>Delete failed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="62" />
        <source>审批中</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="63" />
        <source>正常</source>
        <translation>Booked</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="64" />
        <source>迟到</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="65" />
        <source>失效</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="66" />
        <source>已退回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="67" />
        <source>超期自动签离</source>
        <translation>Auto signed out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="68" />
        <source>已签离</source>
        <translation>Signed out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="69" />
        <source>超期未签离</source>
        <translation>Overstayed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today_page.py" line="70" />
        <source>已到达</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="11" />
        <source>请正对摄像头</source>
        <translation>Please face the camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="12" />
        <source>检测到多张人脸，请一人拍照</source>
        <translation>More than one face: one person at a time, please</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="13" />
        <source>光线太暗</source>
        <translation>Too dark</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="14" />
        <source>光线太亮</source>
        <translation>Too bright</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="15" />
        <source>光线不均匀，请调整位置</source>
        <translation>Uneven light: please move a little</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="16" />
        <source>请靠近一点</source>
        <translation>Please come a little closer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="17" />
        <source>请站到画面中央</source>
        <translation>Please stand in the middle of the picture</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="18" />
        <source>画面模糊，请保持不动</source>
        <translation>Blurred: please hold still</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="19" />
        <source>请正对摄像头，不要歪头</source>
        <translation>Please face the camera, head straight</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="20" />
        <source>很好，请保持</source>
        <translation>Good, hold still</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="23" />
        <source>高</source>
        <translation>high</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="24" />
        <source>中</source>
        <translation>medium</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="25" />
        <source>低</source>
        <translation>low</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="26" />
        <source>不合格</source>
        <translation>too poor</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="29" />
        <source>该访客在黑名单中，禁止登记</source>
        <translation>This visitor may not be registered (blacklist)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="30" />
        <source>未找到该访客记录</source>
        <translation>No such visit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="31" />
        <source>该访客已签到，无需重复登记</source>
        <translation>This visitor has checked in already</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="32" />
        <source>该访客已签离，本次预约已结束</source>
        <translation>This visitor has signed out; the appointment is over</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="33" />
        <source>该访客尚未签到（或预约已失效），无需签离</source>
        <translation>This visitor has not checked in (or the appointment lapsed): nothing to sign out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="34" />
        <source>该预约尚在审批中，不能签到</source>
        <translation>This appointment is still awaiting approval</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="35" />
        <source>该预约已失效</source>
        <translation>This appointment has lapsed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="36" />
        <source>该预约已被退回，不能签到</source>
        <translation>This appointment was declined</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="37" />
        <source>二维码无效：不是本系统签发的访客二维码，或已被篡改</source>
        <translation>Invalid QR code: not issued by this system, or altered</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="38" />
        <source>会话已失效或已登出</source>
        <translation>The session has expired or was logged out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="39" />
        <source>用户名或密码错误</source>
        <translation>Wrong user name or password</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="40" />
        <source>endTimeISO: 预计离开时间应晚于当前时间</source>
        <translation>The leaving time must be later than now</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="43" />
        <source>请输入姓名或手机号</source>
        <translation>Type a name or phone number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="44" />
        <source>请输入查询内容</source>
        <translation>Type what to look for</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="45" />
        <source>请输入用户名和密码</source>
        <translation>Type the user name and password</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="46" />
        <source>服务器身份校验失败，请联系管理员</source>
        <translation>The server could not prove who it is: call the administrator</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="47" />
        <source>该证件没有在场的访客记录</source>
        <translation>Nobody with this ID is on site</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="48" />
        <source>在场访客中没有这个姓名或手机号，请核对</source>
        <translation>Nobody on site has this name or phone number; please check it</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="49" />
        <source>手机号格式不正确</source>
        <translation>The phone number is not valid</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="50" />
        <source>请填写姓名</source>
        <translation>Fill in the name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="51" />
        <source>请选择被访人</source>
        <translation>Choose the host</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="52" />
        <source>预计离开时间应晚于现在</source>
        <translation>The leaving time must be later than now</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="53" />
        <source>该访客已在场，请补打访客单或办理签离，不要重复登记</source>
        <translation>This visitor is on site: reprint the pass or sign them out, do not register again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="56" />
        <source>模拟打印机</source>
        <translation>Simulated printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="57" />
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/words.py" line="58" />
        <source>备用打印机</source>
        <translation>Fallback printer</translation>
    </message>
</context>
</TS>