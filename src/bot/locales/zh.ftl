# 守夜，中文。这里的每个键在 en.ftl 中也必须存在（有测试检查）。
# 用词以 docs/glossary.md 为准；称呼：居民、民警、公告和各级工作人员用“您”，队内巡防事务用“你”。

## 命令菜单
cmd-start = 开始使用，或打开邀请链接
cmd-me = 我的队伍、角色和下一步
cmd-lang = 切换语言
cmd-help = 可用的命令
cmd-cancel = 结束当前操作
cmd-leave = 退出队伍
cmd-forgetme = 删除我的个人信息
cmd-team = 队员名单和报名审核
cmd-invite = 生成队伍邀请链接和二维码
cmd-invites = 有效的邀请链接
cmd-import = 从 CSV 或 Excel 文件导入志愿者
cmd-review = 每周汇总：数据、图表和表格
cmd-ranking = 评优：本周各队排名
cmd-stats = 我的巡防次数、时长和线索；志愿服务时长证明
cmd-export = 导出班次、出勤、上报或值班记录（CSV）
cmd-statement = 按编号核验志愿服务时长证明

## 通用
help-title = 您可以使用以下命令：
unhandled = 未能识别您的消息。发送 /help 可查看可用的命令。
cancelled = 已取消。
nothing-to-cancel = 当前没有可以取消的操作。
dialog-ended = （之前未完成的操作已结束。）
dialog-ended-signup = 您的报名尚未完成。重新打开邀请链接即可继续。
hint-use-buttons = 请点击上方按钮，或发送 /cancel 结束。
hint-text-expected = 请用文字回复，或发送 /cancel 结束。
hint-phone-expected = 请点击“分享我的手机号”或“跳过”，或发送 /cancel 结束。
lang-choose = 请选择语言：
lang-set = 已切换为中文。

## 开始与报名
start-newcomer =
    欢迎使用“守夜”志愿巡防助手。
    如需加入志愿巡防队，请打开队长发给您的邀请链接。
    如果社区已为您登记，请分享手机号，系统将查找您的登记信息。
signup-ask-language = 请选择语言 / Choose your language:
signup-welcome = 您正在报名加入{$team}。请回答以下几个问题。
signup-ask-name = 请问您的姓名？（请填写队里熟悉的称呼）
signup-name-invalid = 请用文字发送姓名，最多 64 个字。
signup-ask-phone = 请分享您的手机号，便于队长联系您。手机号仅本队队长、副队长和协调员可见。也可以跳过。
signup-contact-not-yours = 这不是您本人的联系方式。请点击“分享我的手机号”，或选择跳过。
signup-phone-thanks = 谢谢。
signup-phone-skipped = 不留手机号也可以。
signup-ask-weekdays = 您每周哪几天可以参加巡防（20:00-24:00）？请点选后按“完成”。
signup-ask-consent =
    您的姓名、手机号和巡防日期仅用于安排巡防，本队队长、副队长和区巡防协调办可以查看。您可以随时发送 /forgetme 删除这些信息。
    是否同意？
signup-declined = 好的，报名信息未保存。您可以随时重新打开邀请链接。
signup-pending = 谢谢！您报名加入{$team}的申请已提交队长审核，审核结果会及时通知您。
signup-linked = 欢迎！社区已为您登记加入{$team}，您现在是正式队员了。发送 /me 可查看详情。
link-done = 已找到您的登记信息，您的 Telegram 账号已与之关联。

## 按钮
btn-share-phone = 📱 分享我的手机号
btn-skip = 跳过
btn-done = 完成
btn-consent-yes = ✅ 同意
btn-consent-no = ❌ 不同意
btn-approve = ✅ 通过
btn-reject = ❌ 不通过
btn-revoke = 作废
btn-cancel = 取消
btn-back = ◀ 返回
btn-remove = 移出队伍
btn-remove-yes = 确认移出
btn-make-deputy = 设为副队长
btn-make-leader = 设为队长
btn-leave-team = 退出{$team}
btn-forget-yes = 确认删除我的信息

## 通知与卡片
card-signup =
    🆕 {$team}有新的志愿者报名
    姓名：{$name}
    手机：{$phone}
    巡防日：{$weekdays}
card-signup-decided =
    {$team}：{$name}
    巡防日：{$weekdays}
    {$decision}（{$by}）
card-signup-imported = {$team}：{$name}已在协调员导入的名单中，现已成为队员。
decision-approved = ✅ 已通过
decision-rejected = ❌ 未通过
review-approved = 已通过，已通知该志愿者。
review-rejected = 未通过，已通知该志愿者。
notice-signup-approved = ✅ 你已成为{$team}的队员。我为人人守一夜，人人为我护一年，谢谢你！发送 /me 可查看详情。
notice-signup-rejected = 您报名加入{$team}的申请未通过审核。如有疑问，请与所在社区联系。
notice-removed = 你已被移出{$team}。感谢你的付出。
notice-member-left = {$name}已退出{$team}。
notice-member-forgotten = 一名队员已退出，并要求删除个人信息。
notice-appointed-deputy = 你已被设为{$team}副队长。发送 /team 可查看队员。
notice-appointed-leader = 你已被设为{$team}队长。发送 /team 可查看队员，发送 /invite 可邀请志愿者。

## /me
me-title = 👤 {$name}
me-team-active = 队伍：{$team}（巡防日：{$weekdays}）
me-team-pending = 队伍：{$team}，等待队长审核
me-role-leader = {$team}队长
me-role-deputy = {$team}副队长
me-role-supervisor = 镇街督导员：{$town}
me-role-coordinator = 区巡防协调办协调员
me-role-police = 派出所联络民警：{$town}
me-whole-district = 全区
me-no-team = 您尚未加入志愿巡防队。
me-next-newcomer = 请向队长索取邀请链接加入队伍。
me-next-pending = 队长会尽快审核。
me-next-volunteer = 巡防提醒将发送到这里。
me-next-leader = 发送 /team 查看队员，发送 /invite 生成邀请链接。
me-next-supervisor = 发送“/team 队伍名称”查看本镇街的队伍。
me-next-coordinator = 发送 /import 从 CSV 文件导入志愿者；“/invite 队伍名称”和“/team 队伍名称”适用于全区所有队伍。
me-telegram-id = 您的 Telegram ID：{$id}（协调员为您分配角色时需要）。

## 邀请
invite-created =
    {$team}的邀请链接（有效期至 {$expires}）：
    {$link}
    二维码可打印张贴在社区公告栏。
invite-revoked = 邀请码 {$code} 已作废。
poster-invite-line = 用手机扫描二维码，在 Telegram 中报名加入本队
invites-title = 有效的邀请链接：
invites-line = {$code}：已使用 {$uses} 次，有效期至 {$expires}
invites-none = 暂无有效的邀请链接。发送 /invite 可生成。
team-arg-needed = 请指明队伍：发送 /{$command} 加队伍编号或队伍名称中的几个字。
team-pick = 有多支队伍符合，请选择：

## /team
team-title = {$team}：在队 {$active} 人，待审核 {$pending} 人
team-empty = 还没有队员。发送 /invite 邀请志愿者。
team-remove-confirm = 确定将{$name}移出队伍吗？
team-removed = 已将{$name}移出队伍。
team-appointed-deputy = 已设为副队长。
team-appointed-leader = 已设为队长。
team-already-has-role = 此人已担任该角色。
status-pending = 待审核
status-not-linked = 尚未使用 Telegram
role-leader = 队长
role-deputy = 副队长

## /leave 与 /forgetme
leave-confirm = 要退出哪支队伍？
leave-done = 你已退出{$team}。感谢你的付出。
forget-confirm = 此操作将删除您的姓名、手机号和 Telegram 关联，并退出所有队伍。不含个人信息的统计（如巡防次数）会保留。确定继续吗？
forget-done = 您的个人信息已删除。感谢您的参与，再见。

## 导入
import-howto =
    请以文件形式发送 CSV 表格或 Excel 表格（读取第一个工作表）。第一行为列名：镇街、村（社区）、队伍、姓名、手机、角色、巡防日、单位（也可用英文列名）。
    角色填写“志愿者”“队长”或“副队长”；巡防日如“一三五”或“1、3、5”；单位可不填。
import-not-csv = 这不是 CSV 或 Excel 文件。请以文件形式发送 CSV 或 Excel 表格。
import-too-large = 文件太大（超过 20 MB），请拆分后再发送。
import-started = 正在导入……
import-progress = 正在导入……已处理 {$done}/{$total} 行
import-finished = 导入完成。
import-failed = 导入因错误中止。已导入的行会保留，可以重新发送同一文件，不会重复导入。
import-summary =
    总行数：{$total}
    新增队员：{$created}
    已更新：{$updated}
    无变化：{$unchanged}
    已跳过：{$skipped}
    有问题的行：{$errors}
import-error-line = 第 {$line} 行：{$reason}
# The summary and its problem lines, one a line (drawn when the outbox sends it).
import-report = {$report}
import-more-errors = ……另有 {$count} 行有问题。
import-problems-caption = 附件列出全部 {$count} 行问题，请在表格中修改后重新发送。
import-problems-file = 导入问题
import-problems-col-row = 行号
import-problems-col-problem = 问题

## 班次与提醒
duty-patrol = 夜间巡防
duty-at = {$name}（{$location}）
reminder-ask =
    🌙 {$team}{$duty}
    {$date} {$start}-{$end}
    你能来吗？
reminder-nudge =
    ⏰ 提醒：今晚{$team}{$duty}，{$date} {$start}-{$end}。
    请告诉带班人你能否参加。
reminder-checkin =
    🚶 {$team}{$duty} {$start} 开始（{$date}）。
    到达后请签到。
btn-coming = ✅ 能来
btn-cant-come = ❌ 来不了
btn-find-substitute = 🔁 请人替班
btn-check-in = 📍 签到
notice-running-late = ⏱ {$name}会参加{$date}的{$duty}，大约晚到 {$minutes} 分钟。
notice-cant-come = ❌ {$name}无法参加{$date}的{$duty}（{$start}-{$end}），正在请队友补位。
notice-wants-substitute = 🔁 {$name}请人替班{$date}的{$duty}（{$start}-{$end}），正在询问队友。
slot-offer =
    🙋 {$team}{$duty}有一个空位
    {$date} {$start}-{$end}
    你能来吗？先到先得。
slot-offer-named =
    🙋 {$name}请你替班参加{$team}{$duty}
    {$date} {$start}-{$end}
btn-take-slot = 🙋 我来
notice-slot-filled = ✅ {$name}接下了{$date}{$duty}的空位。
notice-substitute-found = ✅ {$name}将替你参加{$date}的{$duty}。谢谢你及时找人替班。
notice-slot-missing = ⚠️ {$date}的{$duty}（{$start}-{$end}）仍缺 1 人，空位还没有人接。
notice-slot-missing-named = ⚠️ {$date}的{$duty}（{$start}-{$end}）：{$name}的位置还没有人替班。
answer-coming = ✅ 谢谢！{$start} 见。
answer-late = ✅ 谢谢，已告诉带班人你大约晚到 {$minutes} 分钟。
answer-cant = 好的，已告诉带班人，正在请队友补位。
answer-substitute = 🔁 正在询问队友。有人接替之前你仍在班上，有人接替后会告诉你。
slot-yours = ✅ 这个位置归你了：{$date}{$duty}，{$start}-{$end}。开始前会提醒你。
err-shift-not-found = 没有这个班次。
err-shift-not-yours = 这不是你的班次。
err-shift-not-on-it = 你已不在这个班次上。
err-shift-over = 这个班次已经结束。
err-shift-started = 班次已经开始，请直接告诉带班人。
err-slot-not-found = 这个空位已不存在。
err-slot-taken = 这个位置已经有人接下了。仍然谢谢你！
err-slot-closed = 这个空位已关闭。
err-slot-not-for-you = 这个空位不是邀请你的。
err-slot-busy-that-night = 你当晚已有班次。
err-slot-on-leave = 你当晚已请假。
message-closed =
    {$message}
    {$line}
answered-coming = ✅ 已回复：能来（{$time}）
answered-late = ⏱ 已回复：能来，大约晚到 {$minutes} 分钟（{$time}）
answered-cant = ❌ 已回复：来不了（{$time}）
answered-substitute = 🔁 已回复：请人替班（{$time}）
answered-checked-in = 📍 已签到（{$time}）
answered-substituted = 🔁 {$name}替你参加（{$time}）
offer-taken-by = ✅ 这个位置已由{$name}接下（{$time}）
offer-all-taken = ✅ 空位都已有人接下（{$time}）
offer-taken-by-you = ✅ 你接下了这个位置（{$time}）
offer-withdrawn = ↩️ 不再需要替班：{$name}能来了（{$time}）
offer-closed = ⏹ 这个空位已关闭（{$time}）
err-shift-answered-coming = 你已回复：能来。如需更改，请回复那条提醒，写上“来不了”或“请人替班”。
err-shift-answered-cant = 你已回复：来不了。
err-shift-answered-substitute = 你已回复：请人替班，正在询问队友。如需更改，请回复那条提醒，写上“能来”或“来不了”。
err-shift-answered-meanwhile = 同时收到了你的另一个回复，以先到的为准。
err-slot-already-yours = 这个位置已经是你的了，开始前会提醒你。

notice-no-shows = 🚫 {$date}{$duty}（{$start}-{$end}）未签到：{$names}（{$count} 人），已记为缺勤。
notice-auto-checked-out = 你没有签退{$date}的{$duty}，已按 {$end} 自动签退。如有误请告诉带班人。
checkin-done = 📍 已签到：{$duty}（{$start}-{$end}）。谢谢你守护这一夜！如愿意，可以分享你的位置（📎 → 位置，也可共享实时位置）。结束时请签退。
checkin-location-saved = 📍 位置已加入签到记录。
checkout-done = 👋 已签退。谢谢你，回家路上注意安全！
btn-check-out = 👋 签退
shifts-title = 你接下来的班次：
shifts-line = {$date} {$start}-{$end}：{$duty}，{$team}{$status}
shifts-none = 近几天没有给你排班。
shifts-status-coming = ✅
shifts-status-cant = ❌
shifts-status-substitute = 🔁
shifts-status-none = ❔
substitute-who = 要请哪位队友（比如同队的家人）替你吗？也可以由我询问全队。
btn-ask-team = 询问全队
reply-unclear = 没看懂你的回复，请点击按钮：
reply-unclear-several = 没看懂你的回复，请点击对应那一晚的按钮：
asked-night = {$team}{$duty}，{$date} {$start}-{$end}
which-night = 你说的是哪一晚？
btn-which-night = {$date} {$start}-{$end}
btn-which-night-offer = 🙋 {$date} {$start}-{$end}（空位）
offer-declined = 好的，这个位置留给其他队友。
err-checkin-no-shift-now = 你现在没有可以签到的班次。
err-checkin-not-open-yet = 签到在开始前 30 分钟开放（{$start}）。
err-checkin-already = 你已经签到了。
err-checkout-not-checked-in = 你还没有签到，无法签退。
err-checkout-already = 你已经签退了。

cmd-shifts = 我接下来的班次
cmd-checkin = 今晚班次签到
cmd-checkout = 巡防结束签退

notice-place-taken = ✅ {$name}接替了你{$date}的{$duty}。谢谢你及时告知。

board =
    📋 {$team}{$duty}
    {$date} {$start}-{$end}
    排班 {$expected}/{$required} 人 · 确认 {$confirmed} · 已签到 {$checkedIn} · 缺勤 {$noShow}
    {$lines}
    ✅ 能来  ⏱ 晚到  📍 已签到  👋 已签退  🚫 缺勤  🔁 请人替班  ❌ 来不了  ❔ 未回复
btn-mark-present = ✔️ {$name}已到
btn-hand-over = 今晚交由副队长带班
roster-none = 今天和明天没有由你带班的班次。
err-roster-bad-date = “{$value}”不是日期。发送 /roster 查看今晚；查看某一晚请写成 /roster 2027-06-01。
roster-pick = 哪个班次？
present-marked = 已标记为到岗。
handover-who = 今晚由谁带班？
handover-done = 已交接，并已通知对方。
notice-you-lead-tonight = 🧭 {$date}（{$start}-{$end}）由你带班{$team}{$duty}。发送 /roster 查看实时名单。
cmd-roster = 今晚的实时名单
err-shift-not-lead = 只有今晚的带班人、队长、副队长、镇街督导员或协调员可以这样操作。
err-shift-hand-over = 只有队长可以交接今晚的带班。
err-shift-not-a-deputy = 此人不是本队的队长或副队长。
err-shift-substitute-unavailable = 这位队友当晚无法替班。

btn-roster-add = ➕ 加人
btn-roster-remove = ➖ 撤人
roster-add-who = 加谁？（当晚有空且未请假的队员）
roster-remove-who = 把谁从这个班次撤下？
roster-nobody-free = 当晚队里没有其他有空的队员。
roster-added = 已加入，并已通知本人。
roster-removed = 已撤下，并已通知本人。
notice-added-to-shift = 🌙 带班人把你排进了{$team}{$date} {$start}-{$end}的{$duty}。开始前会提醒你。
notice-removed-from-shift = 带班人已把你从{$date}（{$start}-{$end}）的{$duty}撤下。
open-title = 本队缺人的班次：
open-line = {$date} {$start}-{$end} {$duty}：缺 {$missing} 人
open-none = 本周本队没有缺人的班次。谢谢你的热心！
btn-join-shift = 🙋 {$date} {$start}
leave-dates-pick = 点选你不能巡防的日期（🏖 = 请假），然后按“完成”。
leave-dates-done = 请假日期已保存。
leave-dates-saved = 已保存 {$added} 个请假日期，因此退出的班次：{$released} 个。
leave-dates-released = 你当晚原有班次；空位已发给队友，并已告诉带班人。
cmd-open = 加入缺人的班次
cmd-leave_dates = 不能巡防的日期
err-leave-bad-date = “{$value}”不是今天或以后的日期（格式如 2027-06-01）。
err-leave-too-many = 一次最多 90 个日期。
err-roster-not-addable = 此人无法加入这个班次（当晚没空、已请假或不是本队队员）。

patrol-current =
    {$team}：巡防时间 {$startTime}-{$endTime}
    每晚人数：常态 {$headcountNormal} 人，加强（二级）{$headcountHeightened} 人，一级响应 {$headcountLevel1} 人。
    修改示例：/patrol 20:00-24:00 4 8 8
patrol-updated =
    已保存。{$team}：巡防时间 {$startTime}-{$endTime}
    每晚人数：常态 {$headcountNormal} 人，加强（二级）{$headcountHeightened} 人，一级响应 {$headcountLevel1} 人。
    今晚起已排班的日期随之调整，已通知相关队员和队长、副队长。
patrol-usage = 格式：/patrol 20:00-24:00 4 8 8（巡防时间，然后是每晚人数：常态、加强（二级）、一级响应）。
notice-shift-times-moved =
    🕖 {$team}{$duty}的时间调整为 {$start}-{$end}（原为 {$wasStart}-{$wasEnd}）。你的班次：
    {$nights}
night-line = {$date} {$start}-{$end}
patrol-moved-leads =
    ⚙️ {$team}：已排班的日期改为 {$start}-{$end}（原为 {$wasStart}-{$wasEnd}），共调整 {$moved} 晚，已通知 {$told} 名队员。
    {$kept}
patrol-moved-kept = {$date}仍按 {$wasStart}-{$wasEnd}：新的开始时间已过。
cmd-patrol = 巡防时间和每晚人数
cmd-spotcheck = 记录一次督导抽查
cmd-spotchecks = 本周的抽查记录
cmd-kit = 队伍装备：数量、缺失或破损
err-duty-bad-time = 时间格式为 00:00 至 24:00。
err-duty-empty-window = 开始和结束时间不能相同。

status-no-shows = 缺勤 {$count} 次

## 错误

err-internal = 系统出现问题，请稍后再试。
err-forbidden = 您没有权限进行此操作。
err-not-found = 该内容已不存在。
err-conflict = 该内容已被他人修改。
err-validation = 输入无效。
err-stale-button = 此按钮已失效。
err-coordinator-only = 只有区巡防协调办的协调员可以进行此操作。
err-team-not-found = 没有找到符合的队伍。
err-town-not-found = 没有这个镇街。
err-person-not-found = 没有找到此人。
err-person-ambiguous = 有 {$count} 人符合，请用手机号或 Telegram 用户 ID（tg:123456）指明。
err-person-bad-reference = 请用手机号或 Telegram 用户 ID（tg:123456）指明人员。
err-role-needs-team = 队长、副队长须按队伍授予：请加上“--team 队伍编号”。
err-role-needs-town = 镇街督导员须按镇街授予：请加上“--town 镇街名称”，不要指定队伍。
err-role-no-scope = 协调员的范围是全区：不要加“--team”或“--town”。
err-role-town-only = 派出所联络民警按镇街或全区授予，不按队伍：不要加“--team”。
err-role-invalid = 无法授予该角色：可授予的角色见“--help”。
err-locale-unknown = 没有这种语言：请选择中文或英文。
err-membership-not-found = 该队员已不在队伍中。
err-membership-already-ended = 该队员已经离队。
err-invite-unknown = 此邀请链接不存在，请向队长索取新的链接。
err-invite-expired = 此邀请链接已过期，请向队长索取新的链接。
err-invite-revoked = 此邀请链接已作废，请向队长索取新的链接。
err-invite-already-revoked = 此邀请已经作废。
err-signup-already-member = 您已经是{$team}的队员了。
err-signup-already-decided = 已由{$by}处理（{$status}）。
err-signup-changed-meanwhile = 您的队员状态刚刚有变化，请重新打开邀请链接。
err-signup-no-weekdays = 请至少选择一天。
err-signup-name-empty = 请填写姓名。
err-signup-name-too-long = 姓名太长（最多 64 个字）。
err-signup-no-consent = 报名需要您的同意。
err-team-remove-leader = 只有镇街督导员或协调员可以移出队长。
err-team-remove-self = 如要自己退出队伍，请发送 /leave。
err-team-appoint-inactive = 只有在队队员才能担任角色。
err-leave-not-member = 您尚未加入队伍。
err-link-no-match = 没有找到这个手机号的登记信息。请向队长索取邀请链接。
err-link-bad-phone = 手机号无效。
err-role-grant = 您不能授予这个角色。
err-role-revoke = 您不能撤销这个角色。
err-import-bad-csv = 文件无法按 CSV 格式读取
err-import-unreadable-xlsx = 无法读取该 Excel 文件：文件可能已损坏，或不是 Excel 工作簿。请用 Excel 或 WPS 另存为“Excel 工作簿”（或 CSV）后再发送。
err-import-empty-xlsx = 该 Excel 文件的第一个工作表是空的。请把列名行和志愿者名单放在第一个工作表中，再重新发送。
err-import-missing-column = 缺少必需的列：{$value}
err-import-missing-town = 缺少镇街
err-import-missing-community = 缺少村（社区）
err-import-missing-team = 缺少队伍
err-import-missing-name = 缺少姓名
err-import-bad-phone = 手机号“{$value}”不是有效的手机号码：大陆手机号为 11 位数字，以 13 至 19 开头；其他国家和地区的号码请以“+”和国家代码开头
err-import-bad-role = 角色“{$value}”无法识别（请填写“志愿者”“队长”或“副队长”）
err-import-bad-weekdays = 巡防日“{$value}”无法识别
err-import-too-long = 内容太长：“{$value}”
err-import-duplicate-in-file = 同一人在文件前面已出现
err-import-membership-ended = 此人已退出或被移出队伍，不再重新加入
err-import-role-ended = 此人的角色已被撤销，不再重新授予
err-import-db-error = 该行无法保存
