# 汇总与评优（中文）：每晚小结、每周汇总、队伍评优。每个键也必须在 en/reviews.ftl 中。
review-scope-district = 全区
review-weekly =
    📊 每周汇总 · {$scope}
    {$from}至{$to}

    人数达标的夜晚：{$staffed}（{$nightsMet}/{$nights}）
    准时签到：{$onTime} · 缺勤：{$noShows} 人次
    值班记录已提交：{$logs}（{$logsClosed}/{$shiftsEnded}）
    上报：{$reports}
    线索：上报 {$tipsReported} 条，经核实有效 {$tipsVerified} 条
    值班记录：发现隐患 {$hazards} 处，帮助群众 {$helped} 人
    督导抽查：{$spotChecks} 次，其中 {$spotChecksOut} 次队伍在岗，平均评分 {$spotRating}
    志愿者出勤：{$present} 人次（{$affiliation}）

    {$units}

    {$top}

    {$attention}

    图表和完整表格（CSV）随后发送。
review-reports = 线索 {$tip} · 隐患 {$hazard} · 帮助群众 {$assistance} · 矛盾纠纷 {$dispute} · 可疑人员车辆 {$suspicious} · 紧急情况 {$emergency}
review-affiliation = 党员 {$party} · 团员 {$league} · 新居民 {$newcomer} · 学生 {$student} · 单位 {$unit} · 未登记 {$none}
review-by-town =
    各镇街：人数达标 · 准时签到 · 缺勤 · 值班记录
    {$lines}
review-by-team =
    各队伍：人数达标 · 准时签到 · 缺勤 · 值班记录
    {$lines}
review-unit-line = • {$name}：{$staffed} · {$onTime} · {$noShows} · {$logs}
review-top =
    🏆 表现最好的队伍
    {$lines}
review-top-line = {$rank}. {$team}（{$town}）· {$score} 分
review-top-none = 🏆 本周没有队伍巡防。
review-attention =
    ⚠️ 需要关注（人数达标或值班记录低于 {$below}%）
    {$lines}
review-attention-more = ……另有 {$more} 支队伍，见表格。
review-attention-line = • {$team}（{$town}）：人数达标 {$nightsMet}/{$nights} · 值班记录 {$logsClosed}/{$shiftsEnded} · 缺勤 {$noShows}
review-attention-none = ✅ 所有队伍的人数达标和值班记录都达到 {$below}%。
review-csv-caption = 完整表格：每支队伍一行。

review-chart-title = 每周汇总 · {$scope} · {$from}至{$to}
review-chart-staffed = 人数达标率
review-chart-target = 关注线 {$percent}%
review-chart-on-time = 准时签到
review-chart-logs = 值班记录已提交
review-chart-affiliation = 志愿者出勤人次（按身份，共 {$present}）
review-chart-affiliation-label = {$kind} {$n}
review-affiliation-party = 党员
review-affiliation-league = 团员
review-affiliation-newcomer = 新居民
review-affiliation-student = 学生
review-affiliation-unit = 单位
review-affiliation-none = 未登记
review-category-tip = 线索
review-category-hazard = 隐患
review-category-assistance = 帮助群众
review-category-dispute = 矛盾纠纷
review-category-suspicious = 可疑人员车辆
review-category-emergency = 紧急情况

review-col-rank = 名次
review-col-score = 得分
review-col-town = 镇街
review-col-community = 村社区
review-col-team = 队伍
review-col-nights = 巡防晚数
review-col-nights-met = 人数达标晚数
review-col-staffed-pct = 人数达标率 %
review-col-places = 应到人次
review-col-rostered = 排班人次
review-col-present = 签到人次
review-col-on-time = 准时签到人次
review-col-on-time-pct = 准时签到率 %
review-col-no-shows = 缺勤人次
review-col-shifts-ended = 已结束班次
review-col-logs-closed = 已提交的值班记录
review-col-logs-pct = 值班记录提交率 %
review-col-hazards = 发现隐患（值班记录）
review-col-helped = 帮助群众（值班记录）
review-col-reports = 上报：{$category}
review-col-tips-verified = 经核实有效的线索
review-col-spot-checks = 抽查次数
review-col-spot-checks-out = 抽查时在岗次数
review-col-spot-rating = 抽查平均评分
review-col-affiliation = 出勤人次：{$kind}
review-col-criterion = 评分项：{$criterion}（0-100 分）

review-criterion-staffing = 人数达标
review-criterion-punctuality = 准时签到
review-criterion-attendance = 到岗
review-criterion-logs = 值班记录
review-criterion-tips = 有效线索
review-criterion-hazards = 发现隐患
review-criterion-helped = 帮助群众
review-criterion-spotChecks = 抽查评分
review-weights = 权重：{$weights}
review-weight = {$criterion} {$weight}
review-ranking =
    🏅 队伍评优，{$from}至{$to}：共 {$size} 支队伍参评
    {$weights}

    {$lines}

    全部队伍见表格（CSV）。
review-ranking-line = {$rank}. {$team}（{$town}）· {$score} 分
review-ranking-empty = 该周没有队伍巡防。
review-rank-own = 🏅 {$team}在{$from}至{$to}这一周排名第 {$rank}（共 {$size} 支队伍），得分 {$score}（满分 100）。
review-rank-unranked = 🏅 {$team}在{$from}至{$to}这一周没有巡防，不参加排名。

review-nightly =
    🌙 {$date}夜间小结 · {$town}
    人数达标的班次：{$met}/{$nights}
    {$short}
    {$noShows}
    上报：{$reports}
    {$logs}
review-nightly-short = ⚠️ 人数不足：{$team}，签到 {$present}/{$places} 人
review-nightly-all-staffed = ✅ 各队人数均已达标。
review-nightly-no-shows = 🚫 缺勤：{$count} 人次（{$teams}）
review-nightly-no-shows-none = ✅ 无人缺勤。
review-nightly-team-count = {$team} {$n}
review-nightly-team = {$team}
review-nightly-logs-missing = 📕 值班记录未提交：{$count} 支队伍（{$teams}）
review-nightly-logs-done = 📓 值班记录均已提交。

err-review-not-allowed = 每周汇总仅供协调员（全区）和镇街督导员（本镇街）查看。
err-ranking-not-allowed = 评优排名仅供协调员查看；队长、副队长可以查看本队的名次。
err-review-bad-date = “{$text}”不是日期。请写成 2027-05-04 这样的格式（所查那一周中的任意一天）。
err-review-future-date = {$text} 尚未到来。请给出本周或更早一周中的某一天。
