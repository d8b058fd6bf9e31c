# Broadcasts and level changes (English). Every key must also be in zh/broadcasts.ftl.
cmd-level = Change the response level
cmd-broadcast = Send a message to many people
cmd-broadcasts = Recent broadcasts and their receipts
btn-broadcast-received = ✅ Received
btn-broadcast-team = 👥 My team's receipts
btn-broadcast-nudge = 🔔 Remind them
btn-broadcast-send = 📢 Send
broadcast-message =
    📢 {$from}:

    {$text}
broadcast-nudge =
    🔔 Your team leader asks you to confirm that you received this message:

    {$content}
broadcast-progress =
    📢 Broadcast #{$id}: sending…
    {$bar} {$percent}%
    Sent {$sent} · failed {$failed} · unreachable {$unreachable} of {$total}
    ✅ Received: {$acknowledged}
broadcast-report =
    📢 Broadcast #{$id}: delivery report
    {$bar} {$percent}%
    Sent {$sent} · failed {$failed} · unreachable {$unreachable} of {$total}
    ✅ Received: {$acknowledged}
audience-everyone = everyone
audience-town = a town
audience-team = one team
audience-leaders = team leaders
audience-tonight = tonight's volunteers
broadcast-ask-audience = 📢 Who should receive it?
broadcast-ask-town = Which town?
broadcast-ask-team = Which team? Send its number or part of its name.
broadcast-pick-team = Several teams match; pick one:
broadcast-ask-text = Send the message: text, or a photo with a caption (at most {$max} characters).
broadcast-ask-caption = Now send the text to go with the photo (at most {$max} characters).
broadcast-confirm =
    To: {$audience}{$area}
    {$recipients} { $recipients ->
        [one] person
       *[other] people
    } will receive it ({$unreachable} of them have blocked the bot and count as unreachable).

    {$text}
broadcast-started = 📢 Broadcast #{$id} is on its way to {$recipients} { $recipients ->
        [one] person
       *[other] people
    }. The message below shows its progress.
broadcast-ack-thanks = Thank you, noted.
broadcast-ack-already = Already noted. Thank you.
broadcast-received-mark = ✅ Received
broadcast-team-receipts =
    👥 Broadcast #{$id} in {$team}: {$acknowledged} of {$total} received.
    {$missing}
broadcast-team-missing = Not yet: {$names}
broadcast-team-all = Everyone has confirmed.
broadcast-team-none = None of the team's members were sent this broadcast.
broadcast-nudged = 🔔 Reminded {$count} { $count ->
        [one] person
       *[other] people
    }.
broadcast-nudged-none = Nobody to remind: everyone confirmed or was reminded in the last 10 minutes.
broadcasts-title = 📢 Recent broadcasts:
broadcasts-none = No broadcasts yet.
broadcasts-line = #{$id} · {$when} · {$what}: sent {$sent}/{$total}, failed {$failed}, unreachable {$unreachable}, received {$acknowledged}{$state}
broadcasts-sending = {" "}(sending)
broadcasts-level = level {$level}
err-broadcast-not-allowed = Only coordinators, and town supervisors for their town, can broadcast.
err-broadcast-outside-town = You can only broadcast within the town you supervise.
err-broadcast-town-needed = Please choose the town.
err-broadcast-team-needed = Please choose the team.
err-broadcast-invalid-text = The message must be text of at most {$max} characters.
err-broadcast-caption-too-long = With a photo the text can be at most {$max} characters; yours has {$length}.
err-broadcast-not-recipient = That message was not sent to you.
err-broadcast-not-found = That broadcast does not exist.
err-broadcast-not-your-team = You can only see the receipts of a team you lead or supervise.
err-broadcast-list-not-allowed = Broadcasts are listed for team leaders, supervisors and coordinators.
level-changed =
    🛡 Response level notice
    {$from}, {$area} { $code ->
        [level1] is at level 1 response{$staffing}, {$until}
        [heightened] is at heightened response, level 2{$staffing}, {$until}
       *[normal] returns to normal patrols{$staffing}
    }.
level-changed-message =
    🛡 Response level notice
    {$from}, {$area} { $code ->
        [level1] is at level 1 response{$staffing}, {$until}
        [heightened] is at heightened response, level 2{$staffing}, {$until}
       *[normal] returns to normal patrols{$staffing}
    }.

    {$message}
level-from-now = From now on
level-from = From {$starts}
level-until-changed = until further notice
level-until = until {$ends}
level-staffing = {" "}({$headcount} people a team each night)
level-staffing-varies = {" "}(each team patrols with its own {$level} headcount)
staffing-changed =
    👥 {$cause}
    {$team}:
    {$lines}
staffing-cause-level = The response level for {$area} is now {$level}.
staffing-cause-specialday = {$name} is on the calendar ({$level}).
staffing-cause-specialday-removed = {$name} was taken off the calendar.
staffing-cause-patrol = The team's people a night were changed: {$normal} normally, {$heightened} when heightened, {$level1} at level 1.
staffing-line-up = {$date} {$start}: needs {$after} (was {$before}), {$have} on it; {$offered} places offered to standby teammates.
staffing-line-down = {$date} {$start}: needs {$after} (was {$before}), {$have} on it; {$released} freed.
notice-released-level = 🙏 The response level was lowered, so the {$duty} of {$date} ({$start}-{$end}) needs fewer people and you are free that night. Thank you for being ready!
notice-released-headcount = 🙏 Your team now needs fewer people a night, so you are free on the {$duty} of {$date} ({$start}-{$end}). Thank you for being ready!
slot-offer-level =
    🛡 The response level rose: the {$duty} of {$team} needs more people
    {$date}, {$start}-{$end}
    Can you come? The first to answer gets the place.
slot-offer-more-people =
    🛡 The {$duty} of {$team} needs more people
    {$date}, {$start}-{$end}
    Can you come? The first to answer gets the place.
level-ask-level = 🛡 Which level?
level-ask-scope = For the whole district or one town?
btn-scope-district = Whole district
level-ask-start = From when? Press Now, or send a time such as "21:00" or "2027-10-01 20:00".
btn-level-now = Now
level-ask-end = Until when? Press "Until changed", or send a time such as "2027-10-08 08:00".
btn-level-until-changed = Until changed
level-ask-message = A message for everyone who will be told (or Skip):
level-confirm =
    This notice goes to everyone in scope:

    {$announcement}

    Then every shift from tonight on is restaffed for the new level, standby volunteers are called and the team leaders are told. Publish it?
btn-level-confirm = ✅ Publish
level-done = 🛡 Done: {$level} for {$area}. {$shifts} shifts restaffed, {$offered} places offered, {$released} people freed; the announcement is going to {$recipients} people.
level-repeated = This change was already made.
err-level-when = I could not read that time. Send it like "21:00" or "2027-10-01 20:00".
err-level-invalid = That level change is not valid.
err-level-start-in-past = The start is in the past; choose Now or a later time.
err-level-end-before-start = The end must come after the start.
err-level-town-not-found = That town does not exist.
