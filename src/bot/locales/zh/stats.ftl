# 个人统计和服务时长证明（中文）。这里的每个键在 en/stats.ftl 中也必须存在。
stats-period-year = 今年
stats-period-12m = 近 12 个月
stats-period-all = 全部
stats-nights = {$nights} 次
stats-figures =
    📊 {$name}的巡防记录
    {$period}：{$from}至{$to}
    🌙 巡防次数：{$nights}
    ⏱ 服务时长：{$hours} 小时
    💡 上报线索：{$tips} 条，其中有效线索：{$verified} 条
stats-no-nights = 这段时间还没有签到的巡防记录：首次签到巡防之后即可开具证明。
btn-stats-statement = 📄 志愿服务时长证明（PDF）
btn-stats-statement-image = 🖼 图片版
statement-image-more = ……另有 {$n} 次，完整清单见 PDF 版。
stats-statement-caption = 📄 证明编号 {$number}：巡防 {$nights}，共 {$hours} 小时（{$from}至{$to}）。
err-stats-not-member = 加入巡防队之后才有巡防记录：请向队长索取邀请链接。
err-stats-no-nights = 这段时间没有签到的巡防记录，暂时无法开具证明。

statement-title = 志愿巡防服务时长证明
statement-issuer = {$district}志愿巡防协调小组办公室
statement-name = 姓名：{$value}
statement-affiliation = 单位：{$value}
statement-period = 期间：{$from}至{$to}
statement-number = 证明编号：{$number}
statement-issued = 开具日期：{$date}
statement-col-date = 日期
statement-col-team = 队伍
statement-col-duty = 岗位
statement-col-time = 时间
statement-col-hours = 小时
statement-total = 合计
statement-totals = {$name}参加志愿巡防共 {$nights}，服务时长合计 {$hours} 小时。
statement-rule = 服务时长按签到至签退时间计算；未签退的按班次结束时间计算；已放弃或被撤下的班次不计入。每次巡防的时长保留一位小数，合计为各次之和。
statement-page = 第 {$page} 页，共 {$pages} 页
statement-usage = 请您发送 /statement 加证明上的编号，例如 /statement NH-S-2027-000042-7KQ3MX。
statement-checked = ✅ 证明 {$number} 真实有效：{$issued} 开具给{$name}（{$teams}），巡防 {$nights}，共 {$hours} 小时，{$from}至{$to}。
err-statement-bad-number = 这不是证明编号；编号形如 NH-S-2027-000042-7KQ3MX。
err-statement-not-found = 没有开具过编号为 {$number} 的证明，请您核对编号；查不到编号的证明不是真实的证明。
statement-verify = 验证：扫描二维码或向机器人 @{$bot} 发送 /statement {$number}
statement-stamp = （盖章）
statement-signature = 经办人签字：

verify-page-title = 志愿服务时长证明核验
verify-genuine = ✅ 证明 {$number} 真实有效，由{$district}志愿巡防协调小组办公室开具，证明内容如下：
verify-period = {$from}至{$to}
verify-field-number = 证明编号
verify-field-name = 姓名
verify-field-teams = 队伍
verify-field-period = 期间
verify-field-nights = 巡防次数
verify-field-hours = 服务时长（小时）
verify-field-issued = 开具日期
