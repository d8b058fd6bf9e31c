# Reports, report cards, escalation and rules (English). Every key must also be in zh/incidents.ftl.

## Commands
cmd-report = Report a tip, hazard, help given, dispute or emergency
cmd-myreports = Your reports and where they stand
cmd-sos = Call for help during your patrol
cmd-tips = Open and verified tips
cmd-rules = Escalation rules
cmd-reportlink = Public report link and QR code
report-in-private = 🔒 Reports go to the team leader and the police, not to this group. Tap below to report in a private chat with me.
btn-report-in-private = 📝 Report privately

## Categories
category-tip = 🕵️ Tip for police
category-hazard = ⚠️ Hazard
category-assistance = 🤝 Help given
category-dispute = ⚖️ Dispute
category-suspicious = 👀 Suspicious person or vehicle
category-emergency = 🚨 Emergency

## The report dialog
report-public-intro = You are not on a patrol team, so your report goes to the district coordination office. Thank you for helping keep the neighbourhood safe.
report-ask-category = What are you reporting?
report-cancelled = Report discarded. Nothing was sent.
report-ask-description = Describe what you found: send a message (up to {$max} characters) or a voice note.
report-description-too-long = That is {$length} characters; a report can have at most {$max}. Please shorten it.
report-hint-description = Please describe it in a message or a voice note.
report-hint-photo-first = Please describe it in a message or a voice note first; you can add photos next.
report-ask-photos = Send up to {$max} photos, then press Done. No photos? Press Done.
report-photo-added = Photo {$count} of {$max} added.
report-photos-full = That makes more than {$max} photos, the most a report can carry; the extra one was left out. Press Done.
report-hint-photos = Send photos, or press Done.
report-ask-location = Where is it? Tap "Send location" (or share a live location). Press Skip if you cannot.
report-hint-location = Please send a location with the button below, or press Skip.
report-location-outside = That location is outside the district. Please send a location inside it, or press Skip.
report-summary =
    Your report:
    {$category}
    {$details}
    📷 {$photos} · 📍 { $pin ->
        [yes] location
       *[no] no location
    }
report-confirm-hint = Send it?
report-received = ✅ Report received: {$ref}. I will tell you when someone takes it on.
btn-report-send = ✅ Send
btn-report-discard = ✖ Discard
btn-send-location = 📍 Send location

## Emergencies
report-emergency-call = 🚨 If anyone is in danger, call {$number} now. Tap the contact below to call.
report-police-contact = Police
report-emergency-paged = 📣 Your leaders and the duty officers have been paged: report {$ref}. Send what is happening and where: a message, a voice note, or your location. Press Done when finished.
report-emergency-hint = Send a message, a voice note or your location, or press Done.
report-emergency-added = Added to {$ref}; everyone paged has it.
report-emergency-done = Thank you. Stay safe. Report {$ref} stays open until someone takes it on.

## Your reports
myreports-title = Your reports:
myreports-none = You have not sent any reports yet. Send /report to make one.
myreports-line = {$ref} · {$category} · {$date} · {$status}
report-state-open = waiting
report-state-acknowledged = taken on
report-state-forwarded = with the police
report-state-resolved = resolved
report-state-useful = 💡 useful tip
notice-report-acknowledged = 👍 Your report {$ref} ({$category}) has been taken on.
notice-report-forwarded = 👮 Your report {$ref} ({$category}) has been forwarded to the police.
notice-report-resolved = ✅ Your report {$ref} ({$category}) is resolved: {$note}
notice-report-useful = 💡 The police marked your tip {$ref} as useful. Thank you!
reportlink-caption =
    Public report link: residents can send a tip or a hazard here, without joining a team.
    {$link}
    Print the QR code for notice boards.
poster-report-title = {$district}: report a tip or a hazard
poster-report-line = Scan the code to report a tip or a hazard on Telegram, no team needed; in danger, call 110

## The report card
card-incident =
    {$category} · {$ref}
    {$where}
    Reported by {$reporter}, {$at}
    {$details}
    📷 {$photos} · 📍 { $pin ->
        [yes] map pin
       *[no] no location
    } · 🎤 { $voice ->
        [yes] voice note
       *[no] no voice note
    }
    {$status}{$verdict}
incident-public = Public report (resident)
incident-resident = a resident
incident-public-town = Public report (resident) · {$town}
incident-voice-only = (voice note)
incident-no-details = (no description yet)
incident-photos-caption = Photos for {$ref}
incident-voice-caption = Voice note for {$ref}
incident-status-open = ⏳ Waiting for someone to take it on
incident-status-acknowledged = 👍 Taken on by {$by}
incident-status-forwarded = 👮 Forwarded to the police by {$by}
incident-status-resolved = ✅ Resolved by {$by}: {$note}
incident-verdict-none = {""}
incident-verdict-useful = {" "}· 💡 Useful tip ({$by})
incident-verdict-not_useful = {" "}· Not a useful tip ({$by})
btn-incident-ack = 👍 Acknowledge
btn-incident-escalate = ⏫ Escalate now
btn-incident-resolve = ✅ Resolve
btn-incident-forward = 👮 Forward to police
btn-tip-useful = 💡 Useful tip
btn-tip-not-useful = Not useful
btn-incident-town = 📍 Town…
incident-town-ask = Which town is {$ref} in? Its police liaison and supervisors take it from there.
incident-town-none = No towns are set up yet.
incident-town-set = {$ref} is in {$town} now; the town's police liaison has the card.
incident-you-own = {$ref} is yours now.
incident-forwarded = {$ref} forwarded to the police.
incident-escalated = {$ref} passed up to the next level.
incident-judged-useful = {$ref} marked as a useful tip.
incident-judged-not-useful = {$ref} marked as not useful.
resolve-ask-note = How was {$ref} resolved? Send a short note (up to {$max} characters), or /cancel.
resolve-note-too-long = That is {$length} characters; at most {$max}. Please shorten it.
resolve-done = ✅ {$ref} is resolved. The reporter has been told.

## Escalation cards
card-escalation =
    {$body}
    {$status}
esc-status-active = ⏳ Nobody has taken this on yet.
esc-status-owned = 👍 {$by} is handling it.
esc-status-settled = ✔️ No longer needed.
esc-status-exhausted = ⚠️ Nobody took this on; it is on the coordinators' daily list.
esc-understaffed = ⚠️ {$team}: the {$duty} of {$date} ({$start}-{$end}) has {$present} of {$required} people checked in.
esc-missing-log = 📓 {$team}: the duty log of the {$duty} on {$date} ({$start}-{$end}) is not closed.
esc-help = 🆘 {$name} needs help on the {$duty} of {$team} ({$date} {$start}-{$end}), called at {$at}.
btn-esc-ack = 👍 I'll handle it
btn-esc-on-my-way = 🏃 On my way
escalation-you-own = It is yours now.
escalation-on-my-way = Thank you. They have been told you are coming.
notice-help-coming = 🏃 {$name} is on the way to help you.
btn-report = 📝 Report
btn-need-help = 🆘 I need help
help-called = 🆘 Your shift leader and team leaders have been called. If anyone is in danger, call 110.
digest-unowned =
    📋 Not taken on by anyone ({$count}):
    {$items}
digest-line-incident = • {$ref} {$category}, since {$since}
digest-line = • {$item}

## Tips
tips-open = 🕵️ Open tips ({$count}):
tips-verified = 💡 Verified useful ({$count}):
tips-line = {$ref} · {$category} · {$team} · {$text}
tips-page = Page {$page} of {$pages}
tips-more = … and {$count} earlier
btn-tips-prev = ◀
btn-tips-next = ▶
tips-by-team = Useful tips per team:
tips-by-volunteer = Useful tips per volunteer:

## Escalation rules
rules-title = Escalation rules. Each line is a level: who is told, and how long they have to acknowledge before the next level is told.
rules-off = off
rules-legend =
    Who: shift_leader (tonight's leader), leaders (team leader and deputies), supervisors (the town's), police (liaison), coordinators, or tg:<Telegram id> for one person.
    Wait: 30m, 2h. Then "repeat N" to go round N more times, and "off" to switch a rule off.
rules-edit =
    {$name}, now:
    {$current}

    Send the new rules in the same form, one level per line.
rules-problems = I could not read that:
rules-problem = line {$line}: {$problem}
rules-problems-more = …and {$count} more lines I could not read.
rules-confirm =
    New rules for {$name}:
    {$rules}
rules-saved = ✅ Saved: {$name}. New items follow these rules from now on.
btn-save = 💾 Save
policy-incident-tip = Tips
policy-incident-hazard = Hazards
policy-incident-assistance = Help given
policy-incident-dispute = Disputes
policy-incident-suspicious = Suspicious sightings
policy-incident-emergency = Emergencies
policy-incident-public = Residents' reports
policy-shift-understaffed = Understaffed shifts
policy-duty-log-missing = Missing duty logs
policy-help-request = Calls for help

## Refusals
err-report-person-only = Only a person can send a report.
err-report-public-limit = You have sent {$limit} reports in the last 24 hours, the most for residents. Please try again tomorrow, or call 110 in an emergency.
err-report-invalid = Something in that report is not valid. Please start again with /report.
err-report-no-details = A report needs a description or a voice note.
err-report-outside-district = That location is outside the district.
err-report-category-not-allowed = That kind of report is for patrol members.
err-report-detail-invalid = That is too long: at most {$max} characters.
err-incident-not-found = That report no longer exists.
err-incident-not-yours = This report is not for you to handle.
err-incident-police-only = Only the police liaison can mark tips.
err-incident-coordinators-only = Only district coordinators can say which town a report is in.
err-incident-town-fixed = This report's town is its team's; it cannot be changed.
err-incident-already-owned = {$by} has already taken this on.
err-incident-already-resolved = This report is already resolved.
err-incident-already-forwarded = {$by} has already forwarded this to the police.
err-incident-already-judged = {$by} has already marked this tip.
err-incident-note-invalid = Please send a note of up to {$max} characters.
err-incident-no-police = No police liaison is set up for this area yet. Ask a coordinator to grant one.
err-escalation-not-found = That no longer exists.
err-escalation-use-card = Please use the buttons on the report card.
err-escalation-not-yours = This is not for you to handle.
err-escalation-already-owned = {$by} is already handling it.
err-escalation-over = This no longer needs anyone.
err-help-already-raised = Your call for help is out; your leaders have been paged. If anyone is in danger, call 110.
err-help-switched-off = Calls for help are switched off; please phone your shift leader, or 110 in an emergency.
err-tips-not-allowed = Only coordinators and police liaisons can see tips.
err-tips-bad-page = That page does not exist. Send /tips again.
err-rules-unknown-policy = There is no rule named {$key}.
err-rules-invalid = Those rules are not valid: {$problem}
err-rules-cannot-disable = Reports always escalate; their rules cannot be switched off.
err-rules-unknown-person = Nobody with Telegram id {$id} has used the bot yet.
err-rules-bad-repeat = "{$text}": write "repeat" and a number from 0 to 10
err-rules-missing-wait = "{$text}": end the line with how long to wait, like 30m or 2h
err-rules-bad-wait = "{$text}": a wait is 1 minute to 7 days
err-rules-unknown-target = "{$text}": not one of shift_leader, leaders, supervisors, police, coordinators, tg:<id>
err-rules-no-levels = there must be at least one level
err-rules-too-many-levels = at most 8 levels ({$text} given)
