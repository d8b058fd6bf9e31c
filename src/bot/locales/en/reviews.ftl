# Reviews (English): nightly summary, weekly review, team evaluation. Every key must also be in zh/reviews.ftl.
review-scope-district = District
review-weekly =
    📊 Weekly review · {$scope}
    {$from} – {$to}

    Nights at full strength: {$staffed} ({$nightsMet} of {$nights})
    Checked in on time: {$onTime} · no-shows: {$noShows}
    Duty logs closed: {$logs} ({$logsClosed} of {$shiftsEnded})
    Reports: {$reports}
    Tips: {$tipsReported} reported, {$tipsVerified} verified useful
    From the logs: {$hazards} hazards found, {$helped} people helped
    Spot checks: {$spotChecks} visits, {$spotChecksOut} found the team out, mean rating {$spotRating}
    Volunteer-nights: {$present} ({$affiliation})

    {$units}

    {$top}

    {$attention}

    The chart and the full table (CSV) follow.
review-reports = tips {$tip} · hazards {$hazard} · help given {$assistance} · disputes {$dispute} · suspicious {$suspicious} · emergencies {$emergency}
review-affiliation = Party members {$party} · League members {$league} · newcomers {$newcomer} · students {$student} · units {$unit} · not recorded {$none}
review-by-town =
    By town: full strength · on time · no-shows · logs
    {$lines}
review-by-team =
    By team: full strength · on time · no-shows · logs
    {$lines}
review-unit-line = • {$name}: {$staffed} · {$onTime} · {$noShows} · {$logs}
review-top =
    🏆 Best teams
    {$lines}
review-top-line = {$rank}. {$team} ({$town}) · {$score}
review-top-none = 🏆 No team patrolled this week.
review-attention =
    ⚠️ Needs attention (below {$below}% at full strength or with logs)
    {$lines}
review-attention-more = …and {$more} more in the table.
review-attention-line = • {$team} ({$town}): full strength {$nightsMet}/{$nights} · logs {$logsClosed}/{$shiftsEnded} · no-shows {$noShows}
review-attention-none = ✅ Every team reached {$below}% at full strength and with logs.
review-csv-caption = The full table: one row per team.

review-chart-title = Weekly review · {$scope} · {$from} – {$to}
review-chart-staffed = Full-strength rate (share of nights)
review-chart-target = Attention line {$percent}%
review-chart-on-time = Checked in on time
review-chart-logs = Duty logs closed
review-chart-affiliation = Volunteer-nights by affiliation ({$present})
review-chart-affiliation-label = {$kind} {$n}
review-affiliation-party = Party members
review-affiliation-league = League members
review-affiliation-newcomer = Newcomers
review-affiliation-student = Students
review-affiliation-unit = Units
review-affiliation-none = Not recorded
review-category-tip = tips
review-category-hazard = hazards
review-category-assistance = help given
review-category-dispute = disputes
review-category-suspicious = suspicious
review-category-emergency = emergencies

review-col-rank = Rank
review-col-score = Score
review-col-town = Town
review-col-community = Community
review-col-team = Team
review-col-nights = Patrol nights
review-col-nights-met = Nights at full strength
review-col-staffed-pct = Full strength %
review-col-places = Places required
review-col-rostered = On the roster
review-col-present = Checked in (volunteer-nights)
review-col-on-time = Checked in on time
review-col-on-time-pct = On time %
review-col-no-shows = No-shows
review-col-shifts-ended = Shifts ended
review-col-logs-closed = Logs closed
review-col-logs-pct = Logs %
review-col-hazards = Hazards found (logs)
review-col-helped = People helped (logs)
review-col-reports = Reports: {$category}
review-col-tips-verified = Tips verified useful
review-col-spot-checks = Spot checks
review-col-spot-checks-out = Spot checks finding the team out
review-col-spot-rating = Mean spot-check rating
review-col-affiliation = Volunteer-nights: {$kind}
review-col-criterion = Criterion: {$criterion} (0-100)

review-criterion-staffing = full strength
review-criterion-punctuality = on time
review-criterion-attendance = turned up
review-criterion-logs = logs closed
review-criterion-tips = useful tips
review-criterion-hazards = hazards found
review-criterion-helped = people helped
review-criterion-spotChecks = spot-check ratings
review-weights = Weights: {$weights}
review-weight = {$criterion} {$weight}
review-ranking =
    🏅 Team evaluation, {$from} – {$to}: {$size} teams ranked
    {$weights}

    {$lines}

    Every team is in the table (CSV).
review-ranking-line = {$rank}. {$team} ({$town}) · {$score}
review-ranking-empty = No team patrolled that week.
review-rank-own = 🏅 {$team}, week {$from} – {$to}: rank {$rank} of {$size}, score {$score} of 100.
review-rank-unranked = 🏅 {$team} had no patrol night in the week {$from} – {$to}, so it is not ranked.

review-nightly =
    🌙 Night of {$date} · {$town}
    Patrols at full strength: {$met} of {$nights}
    {$short}
    {$noShows}
    Reports: {$reports}
    {$logs}
review-nightly-short = ⚠️ Short: {$team}, {$present} of {$places} checked in
review-nightly-all-staffed = ✅ Every patrol had its people.
review-nightly-no-shows = 🚫 No-shows: {$count} ({$teams})
review-nightly-no-shows-none = ✅ No no-shows.
review-nightly-team-count = {$team} {$n}
review-nightly-team = {$team}
review-nightly-logs-missing = 📕 Logs not closed: {$count} ({$teams})
review-nightly-logs-done = 📓 Every duty log is closed.

err-review-not-allowed = The weekly review is for coordinators (the district) and town supervisors (their towns).
err-ranking-not-allowed = The ranking is for coordinators; a team's leaders see their own team's place.
err-review-bad-date = "{$text}" is not a date. Write it like 2027-05-04 (any day of the week you want).
err-review-future-date = {$text} has not come yet. Give a day of this week or of an earlier one.
