# 督导抽查与队伍装备（中文）。每个键也必须在 en/field.ftl 中。

## /spotcheck
spotcheck-ask-team-pick = 🔎 督导抽查：您检查的是哪支队伍？请点选，或发送队伍编号或队伍名称中的几个字。
spotcheck-ask-team-type = 🔎 督导抽查：您检查的是哪支队伍？请发送队伍编号或队伍名称中的几个字。
spotcheck-ask-out = 您到达时，{$team}是否在岗巡防？
btn-spotcheck-out-yes = ✅ 在岗
btn-spotcheck-out-no = ❌ 不在岗
spotcheck-ask-present = 现场有几名队员？请发送 0 至 {$max} 之间的数字。
spotcheck-present-invalid = 请发送在场人数：0 至 {$max} 之间的整数。
spotcheck-ask-findings = 检查发现了什么？请用一条消息写明（不超过 {$max} 字），下一步可以补充照片。
spotcheck-findings-too-long = 这段文字有 {$length} 字，检查情况最多 {$max} 字，请精简。
spotcheck-photo-kept-words-please = 📷 照片已收到。请再用文字写明检查情况。
spotcheck-ask-photos = 📷 现场照片（已有 {$count} 张，最多 {$max} 张）：请现在发送，发完请点“完成”。
spotcheck-photo-added = 📷 已添加第 {$count} 张照片（最多 {$max} 张）。可继续发送，或点“完成”。
spotcheck-photos-full = 照片已超过 {$max} 张，请点“完成”。
spotcheck-hint-photos = 请发送照片，或点“完成”。
spotcheck-ask-rating = 请为这支队伍今晚的巡防评分（1 较差 – 5 优秀）：
spotcheck-out-yes = 在岗
spotcheck-out-no = 不在岗
spotcheck-summary =
    🔎 督导抽查：{$team}
    巡防情况：{$out} · 在场 {$present} 人
    今晚带班：{$leader}
    评分：{$rating}
    照片：{$photos} 张
    检查情况：
    {$findings}

    确认记录，并将检查情况发给该队队长、副队长吗？
btn-spotcheck-confirm = ✅ 确认
spotcheck-recorded = ✅ 抽查已记录，检查情况已发给 {$recipients} 位队长、副队长。
spotcheck-recorded-nobody = ✅ 抽查已记录。该队队长、副队长尚未使用本机器人，检查情况暂时无法发送。
spotcheck-repeated = 这次抽查已经记录过了。
spotcheck-findings =
    🔎 督导抽查：{$team}
    检查人：{$visitor}，{$when}
    巡防情况：{$out} · 在场 {$present} 人
    评分：{$rating}
    {$findings}
spotcheck-photos-caption = 🔎 督导抽查：{$team}现场照片

## /spotchecks
spotchecks-none = {$from}至{$to}没有抽查记录。
spotchecks-title = 🔎 {$from}至{$to}的督导抽查：共 {$total} 次
spotchecks-line =
    {$when} · {$team}（{$town}）
    {$out} · 在场 {$present} 人 · 评分 {$rating} · 检查人：{$visitor} · 📷 {$photos}
    {$findings}
spotchecks-out = ✅ 在岗
spotchecks-not-out = ❌ 不在岗
spotchecks-more = ……更早的还有 {$count} 次。

err-spotcheck-not-allowed = 督导抽查由镇街督导员和协调员记录。
err-spotcheck-outside-town = {$team}不在您督导的镇街，请选择您所辖的队伍。
err-spotcheck-person-only = 抽查只能由具体的人记录。
err-spotcheck-invalid = 抽查内容不完整（检查情况 1 至 {$max} 字，评分 1 至 5）。
err-spotcheck-bad-range = 日期请写成 2027-06-01 这样的格式，且开始日期不能晚于结束日期。

## /kit
kit-item-vest = 马甲
kit-item-cap = 帽子
kit-item-armband = 红袖章
kit-item-first-aid-kit = 医药箱
kit-item-logbook = 值班记录本
kit-kind-missing = 缺失
kit-kind-worn = 破损
kit-team-title =
    🧰 {$team}的装备
    {$counts}
    {$counted}
kit-team-counted = 最近清点：{$when}，{$name}。
kit-team-never-counted = 还没有清点过：请点“✏️ 更新数量”。
kit-team-requests = 待处理的申报：
kit-team-no-requests = 没有待处理的申报。
kit-request-line = #{$id} {$team}：{$item} {$quantity}（{$kind}）{$note} · {$name}，{$when}
kit-pick-team = 查看哪支队伍的装备？
btn-kit-update = ✏️ 更新数量
btn-kit-report = ⚠️ 申报缺失/破损
btn-kit-handled = ✅ #{$id} 已处理
kit-overview-district =
    🧰 全区装备：{$teams} 支队伍中已有 {$counted} 支清点
    合计：{$totals}
kit-overview-towns =
    🧰 您所辖镇街的装备：{$teams} 支队伍中已有 {$counted} 支清点
    合计：{$totals}
kit-overview-short = 装备不齐的队伍（{$count} 支）：
kit-overview-all-full = 已清点的队伍装备齐全。
kit-overview-uncounted = 尚未清点（{$count} 支）：{$names}
kit-overview-requests = 待处理的申报（{$count} 条）：
kit-overview-no-requests = 没有待处理的申报。
kit-more = ……另有 {$count} 支。
kit-more-requests = ……另有 {$count} 条。
kit-handled-done = 申报 #{$id} 已标记为已处理，并已通知该队队长、副队长。
kit-ask-counts =
    ✏️ 请用一条消息发送队里现有的装备数量，例如：
    马甲8 帽子8 袖章8 医药箱1 记录本1
    没写到的装备保持原数。
kit-counts-not-understood =
    没能从这条消息里读出数量。请写明装备和数字，例如：
    马甲8 帽子8 袖章8 医药箱1 记录本1
kit-counts-saved = ✅ 已保存：{$counts}
kit-ask-item = ⚠️ 哪样装备缺失或破损？
kit-ask-kind = {$item}：缺失还是破损？
kit-ask-quantity = 数量是多少？请发送 1 至 {$max} 之间的数字。
kit-quantity-invalid = 请发送 1 至 {$max} 之间的整数。
kit-ask-note = 还有什么要说明的（怎么回事、哪里需要）？请发送不超过 {$max} 字的备注，或点“跳过”。
kit-note-too-long = 这段备注有 {$length} 字，最多 {$max} 字。
kit-request-recorded = ⚠️ 申报 #{$id} 已记录：{$item} {$quantity}（{$kind}）。协调员会在 /kit 中看到。
kit-request-notice = 🧰 装备申报 #{$id}（{$name}，{$team}）：{$item} {$quantity}（{$kind}）{$note}。发放后请点 ✅；发送 /kit 可查看全部待处理申报。
kit-request-handled-notice = ✅ 你为{$team}提交的申报 #{$id}（{$item} {$quantity}，{$kind}）已由{$name}处理。

err-kit-not-allowed = /kit 供队长、副队长、镇街督导员和协调员使用。
err-kit-person-only = 只能由具体的人操作。
err-kit-not-your-team = 这不是你带领的队伍。
err-kit-nothing-counted = 没有写明任何数量。
err-kit-bad-quantity = 数量须为 0 至 {$max} 之间的整数。
err-kit-bad-request = 申报需要写明装备、缺失或破损，以及 1 至 {$max} 之间的数量。
err-kit-request-not-found = 这条申报不存在。
err-kit-already-handled = {$name}已经处理过这条申报。
