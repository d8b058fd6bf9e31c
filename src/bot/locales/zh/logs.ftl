# 值班记录（中文）。每个键也必须在 en/logs.ftl 中。
cmd-log = 填写今晚的值班记录
log-group-linked = 📓 本群已设为{$team}的队伍群。今晚带班人在群里发的消息即为值班记录；其他人仍可发送 /report 上报。
log-prompt = 📓 今晚的值班记录：请回复这条消息，写下巡防情况（文字、照片或语音）。
log-placeholder = 6人巡防，发现隐患2处，帮助群众1人
log-no-shift = 你现在没有可以填写记录的带班班次（从开始到结束后 {$grace} 分钟内）。
log-attached = 📎 已记入今晚的值班记录。
log-confirmed = ✅ 数字已确认。
log-closed = 📕 值班记录已提交。
log-count-on-patrol = 巡防 {$n} 人
log-count-hazards = 隐患 {$n} 处
log-count-tips = 线索 {$n} 条
log-count-helped = 帮助群众 {$n} 人
log-count-disputes = 调解纠纷 {$n} 起
log-summary =
    📓 {$team}{$duty}值班记录，{$date}
    从记录中读出：{$figures}
    已签到：{$present}
    未签到：{$absent}
    照片 {$photos} · 语音 {$voices}
    以上数字是否准确？
log-summary-confirmed =
    📓 {$team}{$duty}值班记录，{$date}
    ✅ {$figures}
    已签到：{$present}
    未签到：{$absent}
    照片 {$photos} · 语音 {$voices}
log-summary-closed =
    📕 {$team}{$duty}值班记录，{$date}（已提交）
    {$figures}
    已签到：{$present}
    未签到：{$absent}
    照片 {$photos} · 语音 {$voices}
btn-log-correct = ✅ 准确
btn-log-close = 📕 提交值班记录
err-log-person-only = 只能由本人填写记录。
err-log-not-a-group = 请在队伍群里发送 /linkteam。
err-log-not-a-leader = 只有队长或副队长可以绑定队伍群。
err-log-which-team = 你带领多支队伍：请发送 /linkteam 加队伍编号。
err-log-not-your-team = 你只能绑定自己带领的队伍。
err-log-group-taken = 本群已是另一支队伍的队伍群。
err-log-already-closed = 今晚的值班记录已经提交。
err-log-bad-count = 数字须为 0 至 {$max} 之间的整数。
cmd-logs = 查看以往的值班记录
btn-log-fix = ✏️ 修改
btn-log-fix-done = ✅ 完成
log-summary-fix =
    ✏️ {$team}{$duty}值班记录，{$date}
    {$figures}
    点 − 或 + 修改数字，或直接发送一条写明正确数字的消息。改好后点“✅ 完成”。
log-list = 📚 {$team}最近 {$n} 晚的值班记录：
log-list-line = {$date}{$duty}：{$state} · {$figures}
log-state-closed = 📕 已提交
log-state-open = 📝 未提交，{$n} 条
log-state-empty = ⚠️ 没有记录
log-list-empty = {$team}最近 {$n} 晚没有班次。
log-night-none = {$team}{$date}没有班次。
log-entry-line = {$time} {$author}：{$text}
log-entry-photo = 📷 照片：{$caption}
log-entry-photo-uncaptioned = 📷 照片
log-entry-voice = 🎙 语音
log-entries-none = 没有写任何内容。
err-log-bad-date = 日期请写成“年-月-日”，例如 /logs 12 2027-04-12。
err-team-read-logs = 只有本队队长、副队长、所在镇街的督导员和协调员可以查看本队的值班记录。
