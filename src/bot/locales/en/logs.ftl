# Duty logs (English). Every key must also be in zh/logs.ftl.
cmd-log = Write tonight's duty log
log-group-linked = 📓 This group is now the chat of {$team}. Tonight's shift leader's messages here are the duty log; others can still report with /report.
log-prompt = 📓 Tonight's log: reply to this message with what happened (text, photos or a voice note).
log-placeholder = 6 on patrol, 2 hazards, helped 1
log-no-shift = You are not leading a shift whose log is open (from its start until {$grace} minutes after its end).
log-attached = 📎 Added to tonight's log.
log-confirmed = ✅ Figures confirmed.
log-closed = 📕 Log closed.
log-count-on-patrol = on patrol {$n}
log-count-hazards = hazards {$n}
log-count-tips = tips {$n}
log-count-helped = helped {$n}
log-count-disputes = disputes {$n}
log-summary =
    📓 Log of the {$duty} of {$team}, {$date}
    I understood: {$figures}
    Checked in: {$present}
    Not checked in: {$absent}
    Photos {$photos} · voice notes {$voices}
    Is this correct?
log-summary-confirmed =
    📓 Log of the {$duty} of {$team}, {$date}
    ✅ {$figures}
    Checked in: {$present}
    Not checked in: {$absent}
    Photos {$photos} · voice notes {$voices}
log-summary-closed =
    📕 Log of the {$duty} of {$team}, {$date} (closed)
    {$figures}
    Checked in: {$present}
    Not checked in: {$absent}
    Photos {$photos} · voice notes {$voices}
btn-log-correct = ✅ Correct
btn-log-close = 📕 Close log
err-log-person-only = Only a person can keep a log.
err-log-not-a-group = Send /linkteam in your team's group chat.
err-log-not-a-leader = Only a team's leader or deputy can link its group.
err-log-which-team = You lead several teams: send /linkteam with the team's number.
err-log-not-your-team = You can only link a team you lead.
err-log-group-taken = This group is already another team's chat.
err-log-already-closed = Tonight's log is already closed.
err-log-bad-count = A count is a whole number from 0 to {$max}.
cmd-logs = Read past duty logs
btn-log-fix = ✏️ Fix
btn-log-fix-done = ✅ Done
log-summary-fix =
    ✏️ Log of the {$duty} of {$team}, {$date}
    {$figures}
    Tap − or + to correct a figure, or send a message with the right figures. Then ✅ Done.
log-list = 📚 Logs of {$team}, last {$n} nights:
log-list-line = {$date} {$duty}: {$state} · {$figures}
log-state-closed = 📕 closed
log-state-open = 📝 open, {$n} entries
log-state-empty = ⚠️ nothing written
log-list-empty = {$team} had no shifts in the last {$n} nights.
log-night-none = {$team} had no shift on {$date}.
log-entry-line = {$time} {$author}: {$text}
log-entry-photo = 📷 photo: {$caption}
log-entry-photo-uncaptioned = 📷 photo
log-entry-voice = 🎙 voice note
log-entries-none = Nothing was written.
err-log-bad-date = Give the date as YYYY-MM-DD, for example /logs 12 2027-04-12.
err-team-read-logs = Only the team's leaders, its town's supervisors and the coordinators can read its logs.
