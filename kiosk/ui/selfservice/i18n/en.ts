<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>BookedPage</name>
    <message>
        <location filename="../pages.py" line="106"/>
        <source>请输入手机号的后四位</source>
        <translation>Enter the last 4 digits of your phone</translation>
    </message>
    <message>
        <location filename="../pages.py" line="109"/>
        <source>请输入访客码</source>
        <translation>Enter your visitor code</translation>
    </message>
    <message>
        <location filename="../pages.py" line="114"/>
        <source>我有预约</source>
        <translation>I have an appointment</translation>
    </message>
    <message>
        <location filename="../pages.py" line="115"/>
        <source>请将预约二维码对准扫码口，或输入访客码 / 手机号后四位</source>
        <translation>Hold your appointment QR code to the scanner, or enter your visitor code / last 4 phone digits</translation>
    </message>
    <message>
        <location filename="../pages.py" line="116"/>
        <location filename="../pages.py" line="118"/>
        <source>访客码</source>
        <translation>Visitor code</translation>
    </message>
    <message>
        <location filename="../pages.py" line="117"/>
        <location filename="../pages.py" line="118"/>
        <source>手机号后四位</source>
        <translation>Last 4 phone digits</translation>
    </message>
    <message>
        <location filename="../pages.py" line="119"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../pages.py" line="120"/>
        <source>查询预约</source>
        <translation>Find appointment</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../pages.py" line="507"/>
        <source>请确认登记信息</source>
        <translation>Please check your details</translation>
    </message>
    <message>
        <location filename="../pages.py" line="508"/>
        <source>确认后将打印访客单</source>
        <translation>Your permit prints after you confirm</translation>
    </message>
    <message>
        <location filename="../pages.py" line="509"/>
        <source>返回修改</source>
        <translation>Back to edit</translation>
    </message>
    <message>
        <location filename="../pages.py" line="510"/>
        <source>确认登记</source>
        <translation>Confirm</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../../staff/devices_page.py" line="132"/>
        <source>身份证阅读器</source>
        <translation>ID card reader</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="132"/>
        <source>IC 卡读卡器</source>
        <translation>Card reader (IC)</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="132"/>
        <source>扫码器</source>
        <translation>Code scanner</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="133"/>
        <source>摄像头</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="133"/>
        <source>访客单打印机</source>
        <translation>Permit printer</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="136"/>
        <source>已连接</source>
        <translation>Connected</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="136"/>
        <source>模拟设备</source>
        <translation>Simulated</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="137"/>
        <source>未连接</source>
        <translation>Not connected</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="137"/>
        <source>不可用</source>
        <translation>Unavailable</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="138"/>
        <source>未启用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="141"/>
        <source>设备状态</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="142"/>
        <source>读卡测试</source>
        <translation>Test read</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="142"/>
        <source>刷卡测试</source>
        <translation>Test card tap</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="142"/>
        <source>扫码回显</source>
        <translation>Scanner echo</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="143"/>
        <source>预览画面</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="143"/>
        <source>打印测试页</source>
        <translation>Print test page</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="146"/>
        <source>停止预览</source>
        <translation>Stop preview</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="147"/>
        <source>演示：</source>
        <translation>Demo: </translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="148"/>
        <source>放一张示例身份证</source>
        <translation>Present a sample ID card</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="149"/>
        <source>刷一张示例卡</source>
        <translation>Tap a sample card</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="150"/>
        <source>扫一个示例码</source>
        <translation>Scan a sample code</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="151"/>
        <source>插回阅读器</source>
        <translation>Plug reader back</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="151"/>
        <source>拔出阅读器</source>
        <translation>Unplug reader</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="153"/>
        <source>无画面</source>
        <translation>No picture</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="176"/>
        <source>测试中…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="178"/>
        <source>失败：</source>
        <translation>Failed: </translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="182"/>
        <source>请把身份证放到阅读器上…</source>
        <translation>Place an ID card on the reader…</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="185"/>
        <location filename="../../staff/devices_page.py" line="224"/>
        <source>读到：%1（%2）</source>
        <translation>Read: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="192"/>
        <source>请刷卡…</source>
        <translation>Tap a card…</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="196"/>
        <location filename="../../staff/devices_page.py" line="233"/>
        <source>收到：</source>
        <translation>Received: </translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="200"/>
        <source>已发送测试页（%1 字节）</source>
        <translation>Test page sent (%1 bytes)</translation>
    </message>
    <message>
        <location filename="../../staff/devices_page.py" line="229"/>
        <source>卡号：%1（%2）</source>
        <translation>Card: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../pages.py" line="550"/>
        <source>请取走您的访客单</source>
        <translation>Please take your visitor permit</translation>
    </message>
    <message>
        <location filename="../pages.py" line="551"/>
        <source>登记成功，访客单正在打印</source>
        <translation>Registered. Your permit is printing</translation>
    </message>
    <message>
        <location filename="../pages.py" line="552"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>HostPage</name>
    <message>
        <location filename="../pages.py" line="392"/>
        <source>您要拜访谁？</source>
        <translation>Whom are you visiting?</translation>
    </message>
    <message>
        <location filename="../pages.py" line="393"/>
        <source>输入被访人的姓名或手机号</source>
        <translation>Enter your host&apos;s name or phone number</translation>
    </message>
    <message>
        <location filename="../pages.py" line="394"/>
        <source>姓名 / 手机号</source>
        <translation>Name / phone</translation>
    </message>
    <message>
        <location filename="../pages.py" line="395"/>
        <source>查找</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../pages.py" line="396"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../pages.py" line="401"/>
        <source>没有找到，请核对姓名或手机号</source>
        <translation>Nobody found; please check the name or number</translation>
    </message>
</context>
<context>
    <name>IdCardPage</name>
    <message>
        <location filename="../pages.py" line="152"/>
        <source>请刷身份证</source>
        <translation>Place your ID card</translation>
    </message>
    <message>
        <location filename="../pages.py" line="153"/>
        <source>请将身份证平放在下方阅读区，读取完成前不要移开</source>
        <translation>Lay your ID card flat on the reader below and keep it there until it has been read</translation>
    </message>
    <message>
        <location filename="../pages.py" line="154"/>
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../pages.py" line="155"/>
        <source>没有身份证？护照等其他证件请手动填写</source>
        <translation>No ID card? Enter a passport or other document by hand</translation>
    </message>
    <message>
        <location filename="../pages.py" line="156"/>
        <source>演示：放一张示例身份证</source>
        <translation>Demo: present a sample ID card</translation>
    </message>
    <message>
        <location filename="../pages.py" line="157"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../widgets.py" line="109"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../pages.py" line="614"/>
        <source>工作人员登录</source>
        <translation>Staff login</translation>
    </message>
    <message>
        <location filename="../pages.py" line="615"/>
        <source>登录后退出自助模式</source>
        <translation>Log in to leave self-service</translation>
    </message>
    <message>
        <location filename="../pages.py" line="616"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../pages.py" line="617"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../pages.py" line="618"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../pages.py" line="619"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
</context>
<context>
    <name>ManualPage</name>
    <message>
        <location filename="../pages.py" line="224"/>
        <source>手动填写证件</source>
        <translation>Enter your document</translation>
    </message>
    <message>
        <location filename="../pages.py" line="225"/>
        <source>请选择证件类型并填写</source>
        <translation>Choose the document type and fill in</translation>
    </message>
    <message>
        <location filename="../pages.py" line="226"/>
        <source>护照</source>
        <translation>Passport</translation>
    </message>
    <message>
        <location filename="../pages.py" line="226"/>
        <source>其他证件</source>
        <translation>Other document</translation>
    </message>
    <message>
        <location filename="../pages.py" line="226"/>
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../pages.py" line="229"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../pages.py" line="230"/>
        <source>证件号码</source>
        <translation>Document number</translation>
    </message>
    <message>
        <location filename="../pages.py" line="231"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../pages.py" line="232"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../pages.py" line="240"/>
        <source>请填写姓名和证件号码</source>
        <translation>Please enter your name and document number</translation>
    </message>
</context>
<context>
    <name>MessagePage</name>
    <message>
        <location filename="../pages.py" line="580"/>
        <source>返回首页</source>
        <translation>Home</translation>
    </message>
</context>
<context>
    <name>NoticePage</name>
    <message>
        <location filename="../pages.py" line="479"/>
        <location filename="../pages.py" line="485"/>
        <source>园区须知</source>
        <translation>Site rules</translation>
    </message>
    <message>
        <location filename="../pages.py" line="480"/>
        <source>请阅读后确认</source>
        <translation>Please read and confirm</translation>
    </message>
    <message>
        <location filename="../pages.py" line="481"/>
        <source>不同意</source>
        <translation>Decline</translation>
    </message>
    <message>
        <location filename="../pages.py" line="482"/>
        <source>我已阅读并同意</source>
        <translation>I have read and agree</translation>
    </message>
</context>
<context>
    <name>PhonePage</name>
    <message>
        <location filename="../pages.py" line="342"/>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <location filename="../pages.py" line="343"/>
        <source>用于接收来访通知</source>
        <translation>For visit notifications</translation>
    </message>
    <message>
        <location filename="../pages.py" line="344"/>
        <source>请输入 11 位手机号</source>
        <translation>Enter your 11-digit mobile number</translation>
    </message>
    <message>
        <location filename="../pages.py" line="345"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../pages.py" line="346"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../pages.py" line="349"/>
        <source>上次登记的号码：%1；号码不变可直接点“下一步”</source>
        <translation>Number from your last visit: %1. If it has not changed, just tap &quot;Next&quot;</translation>
    </message>
</context>
<context>
    <name>PhotoPage</name>
    <message>
        <location filename="../pages.py" line="281"/>
        <location filename="../pages.py" line="284"/>
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location filename="../pages.py" line="282"/>
        <source>请正对摄像头，摘下帽子和口罩</source>
        <translation>Face the camera; remove hat and mask</translation>
    </message>
    <message>
        <location filename="../pages.py" line="283"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../pages.py" line="285"/>
        <source>重拍</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location filename="../pages.py" line="286"/>
        <source>使用这张照片</source>
        <translation>Use this photo</translation>
    </message>
    <message>
        <location filename="../pages.py" line="288"/>
        <source>正在打开摄像头…</source>
        <translation>Opening the camera…</translation>
    </message>
</context>
<context>
    <name>PurposePage</name>
    <message>
        <location filename="../pages.py" line="443"/>
        <source>来访事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../pages.py" line="444"/>
        <source>请选择来访事由</source>
        <translation>Choose the purpose of your visit</translation>
    </message>
    <message>
        <location filename="../pages.py" line="445"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>SelfServiceWindow</name>
    <message>
        <location filename="../window.py" line="271"/>
        <source>遇到问题</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../window.py" line="271"/>
        <source>请重试，或到前台咨询工作人员</source>
        <translation>Please try again, or ask the staff at the front desk</translation>
    </message>
    <message>
        <location filename="../window.py" line="276"/>
        <source>无法自助登记</source>
        <translation>Self-registration not possible</translation>
    </message>
    <message>
        <location filename="../window.py" line="276"/>
        <source>您暂时不能在此登记</source>
        <translation>You cannot register here right now</translation>
    </message>
    <message>
        <location filename="../window.py" line="277"/>
        <location filename="../window.py" line="294"/>
        <location filename="../window.py" line="313"/>
        <source>请到前台咨询工作人员</source>
        <translation>Please ask the staff at the front desk</translation>
    </message>
    <message>
        <location filename="../window.py" line="289"/>
        <source>该手机尾号对应多个预约，请输入访客码或扫描预约二维码</source>
        <translation>Several appointments share these digits; enter your visitor code or scan the appointment QR code</translation>
    </message>
    <message>
        <location filename="../window.py" line="292"/>
        <source>没有找到您的预约，请核对后重试</source>
        <translation>No appointment found; please check and try again</translation>
    </message>
    <message>
        <location filename="../window.py" line="294"/>
        <source>没有找到</source>
        <translation>Not found</translation>
    </message>
    <message>
        <location filename="../window.py" line="294"/>
        <source>没有找到该访客单</source>
        <translation>No such visitor permit</translation>
    </message>
    <message>
        <location filename="../window.py" line="303"/>
        <location filename="../window.py" line="331"/>
        <source>已签离</source>
        <translation>Signed out</translation>
    </message>
    <message>
        <location filename="../window.py" line="303"/>
        <location filename="../window.py" line="331"/>
        <source>这张访客单已经签离</source>
        <translation>This permit has already been signed out</translation>
    </message>
    <message>
        <location filename="../window.py" line="306"/>
        <source>您已登记</source>
        <translation>You are registered</translation>
    </message>
    <message>
        <location filename="../window.py" line="306"/>
        <source>离开时请将访客单二维码对准扫码口签离</source>
        <translation>When leaving, hold your permit&apos;s QR code to the scanner to sign out</translation>
    </message>
    <message>
        <location filename="../window.py" line="309"/>
        <source>预约审批中</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <location filename="../window.py" line="309"/>
        <source>您的预约还在审批中，请联系被访人</source>
        <translation>Your appointment is still awaiting approval; please contact your host</translation>
    </message>
    <message>
        <location filename="../window.py" line="312"/>
        <source>预约无效</source>
        <translation>Appointment not valid</translation>
    </message>
    <message>
        <location filename="../window.py" line="312"/>
        <source>该预约已失效或被退回</source>
        <translation>This appointment has expired or was declined</translation>
    </message>
    <message>
        <location filename="../window.py" line="336"/>
        <source>尚未到访登记</source>
        <translation>Not checked in yet</translation>
    </message>
    <message>
        <location filename="../window.py" line="336"/>
        <source>这张访客单还没有登记到访，无需签离</source>
        <translation>This permit was never checked in; no sign-out is needed</translation>
    </message>
    <message>
        <location filename="../window.py" line="337"/>
        <source>请到入口访客机登记</source>
        <translation>Please register at the entrance kiosk</translation>
    </message>
    <message>
        <location filename="../window.py" line="347"/>
        <source>再见</source>
        <translation>Goodbye</translation>
    </message>
    <message>
        <location filename="../window.py" line="347"/>
        <source>%1，您已签离，欢迎再次光临</source>
        <translation>%1, you are signed out. Welcome back any time</translation>
    </message>
    <message>
        <location filename="../window.py" line="355"/>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../window.py" line="375"/>
        <source>预约已过期</source>
        <translation>Appointment expired</translation>
    </message>
    <message>
        <location filename="../window.py" line="375"/>
        <source>您的预约时间已过</source>
        <translation>Your appointment time has passed</translation>
    </message>
    <message>
        <location filename="../window.py" line="376"/>
        <source>请联系被访人重新预约，或到前台办理</source>
        <translation>Please ask your host to book again, or go to the front desk</translation>
    </message>
    <message>
        <location filename="../window.py" line="390"/>
        <source>身份证阅读器未连接，请使用手动填写或联系工作人员</source>
        <translation>The ID card reader is not connected; enter your document by hand or ask the staff</translation>
    </message>
    <message>
        <location filename="../window.py" line="397"/>
        <source>读卡失败，请把身份证重新平放在阅读区</source>
        <translation>The card could not be read; lay it flat on the reader again</translation>
    </message>
    <message>
        <location filename="../window.py" line="427"/>
        <source>请保持不动…</source>
        <translation>Hold still…</translation>
    </message>
    <message>
        <location filename="../window.py" line="448"/>
        <source>照片已保存（未评分：%1）</source>
        <translation>Photo saved (not scored: %1)</translation>
    </message>
    <message>
        <location filename="../window.py" line="448"/>
        <source>照片已保存</source>
        <translation>Photo saved</translation>
    </message>
    <message>
        <location filename="../window.py" line="450"/>
        <source>照片质量 %1 分，很好</source>
        <translation>Photo quality %1: good</translation>
    </message>
    <message>
        <location filename="../window.py" line="452"/>
        <source>照片质量 %1 分，建议重拍</source>
        <translation>Photo quality %1; a retake is recommended</translation>
    </message>
    <message>
        <location filename="../window.py" line="479"/>
        <location filename="../window.py" line="482"/>
        <source>请输入 11 位手机号</source>
        <translation>Enter your 11-digit mobile number</translation>
    </message>
    <message>
        <location filename="../window.py" line="492"/>
        <source>请输入被访人的姓名或手机号</source>
        <translation>Enter your host&apos;s name or phone number</translation>
    </message>
    <message>
        <location filename="../window.py" line="504"/>
        <source>商务洽谈</source>
        <translation>Business meeting</translation>
    </message>
    <message>
        <location filename="../window.py" line="504"/>
        <source>参观</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location filename="../window.py" line="504"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../window.py" line="531"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../window.py" line="532"/>
        <source>证件号码</source>
        <translation>Document number</translation>
    </message>
    <message>
        <location filename="../window.py" line="533"/>
        <source>手机号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../window.py" line="534"/>
        <source>被访人</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../window.py" line="535"/>
        <source>被访部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../window.py" line="536"/>
        <source>来访事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../window.py" line="537"/>
        <source>预计离开</source>
        <translation>Leaving at</translation>
    </message>
    <message>
        <location filename="../window.py" line="571"/>
        <location filename="../window.py" line="604"/>
        <source>正在打印访客单…</source>
        <translation>Printing your permit…</translation>
    </message>
    <message>
        <location filename="../window.py" line="575"/>
        <source>本机未配置打印机，请到前台领取访客单</source>
        <translation>No printer on this kiosk; please collect your permit at the front desk</translation>
    </message>
    <message>
        <location filename="../window.py" line="600"/>
        <source>打印完成，请取走访客单</source>
        <translation>Printed. Please take your permit</translation>
    </message>
    <message>
        <location filename="../window.py" line="602"/>
        <source>打印失败：%1。请到前台领取访客单</source>
        <translation>Printing failed: %1. Please collect your permit at the front desk</translation>
    </message>
    <message>
        <location filename="../window.py" line="611"/>
        <source>本机未配置工作人员登录</source>
        <translation>Staff login is not set up on this kiosk</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../pages.py" line="48"/>
        <source>欢迎来访</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../pages.py" line="48"/>
        <source>签离</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../pages.py" line="49"/>
        <source>请选择登记方式，也可以直接把身份证放到阅读区</source>
        <translation>Choose how to register, or simply place your ID card on the reader</translation>
    </message>
    <message>
        <location filename="../pages.py" line="50"/>
        <source>请将访客单上的二维码对准扫码口</source>
        <translation>Hold the QR code on your permit to the scanner</translation>
    </message>
    <message>
        <location filename="../pages.py" line="51"/>
        <source>我有预约</source>
        <translation>I have an appointment</translation>
    </message>
    <message>
        <location filename="../pages.py" line="52"/>
        <source>临时来访</source>
        <translation>Walk-in visit</translation>
    </message>
    <message>
        <location filename="../pages.py" line="53"/>
        <source>离开时请将访客单二维码对准扫码口签离</source>
        <translation>When leaving, hold your permit&apos;s QR code to the scanner to sign out</translation>
    </message>
    <message>
        <location filename="../pages.py" line="54"/>
        <source>English</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../pages.py" line="55"/>
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
</context>
</TS>
