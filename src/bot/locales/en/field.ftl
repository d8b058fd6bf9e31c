# Spot checks and team kit (English). Every key must also be in zh/field.ftl.

## /spotcheck
spotcheck-ask-team-pick = 🔎 Spot check. Which team did you visit? Pick it, or send its number or part of its name.
spotcheck-ask-team-type = 🔎 Spot check. Which team did you visit? Send its number or part of its name.
spotcheck-ask-out = Was {$team} out on patrol when you arrived?
btn-spotcheck-out-yes = ✅ Yes, out
btn-spotcheck-out-no = ❌ No
spotcheck-ask-present = How many of the team were there? Send a number from 0 to {$max}.
spotcheck-present-invalid = Please send the number of people present, a whole number from 0 to {$max}.
spotcheck-ask-findings = What did you find? Write it in one message (up to {$max} characters). You can add photos next.
spotcheck-findings-too-long = That is {$length} characters; the findings hold at most {$max}. Please shorten them.
spotcheck-photo-kept-words-please = 📷 Photo kept. Now write the findings in words.
spotcheck-ask-photos = 📷 Photos of what you found ({$count} so far, up to {$max}): send them now, then press Done.
spotcheck-photo-added = 📷 Photo {$count} of {$max} added. Send more or press Done.
spotcheck-photos-full = That makes more than {$max} photos; press Done.
spotcheck-hint-photos = Send a photo, or press Done.
spotcheck-ask-rating = Your rating of the team tonight (1 poor – 5 excellent)?
spotcheck-out-yes = yes
spotcheck-out-no = no
spotcheck-summary =
    🔎 Spot check of {$team}
    Out on patrol: {$out} · present: {$present}
    Tonight's shift leader: {$leader}
    Rating: {$rating}
    Photos: {$photos}
    Findings:
    {$findings}

    Record it and send the findings to the team's leaders?
btn-spotcheck-confirm = ✅ Confirm
spotcheck-recorded = ✅ Spot check recorded. The findings went to {$recipients} { $recipients ->
        [one] leader
       *[other] leaders
    }.
spotcheck-recorded-nobody = ✅ Spot check recorded. The team has no leader on the bot to send the findings to.
spotcheck-repeated = This spot check was already recorded.
spotcheck-findings =
    🔎 Spot check of {$team}
    by {$visitor}, {$when}
    Out on patrol: {$out} · present: {$present}
    Rating: {$rating}
    {$findings}
spotcheck-photos-caption = 🔎 Spot check of {$team}: photos

## /spotchecks
spotchecks-none = No spot checks from {$from} to {$to}.
spotchecks-title = 🔎 Spot checks from {$from} to {$to}: {$total}
spotchecks-line =
    {$when} · {$team} ({$town})
    {$out} · {$present} present · {$rating} · by {$visitor} · 📷 {$photos}
    {$findings}
spotchecks-out = ✅ out
spotchecks-not-out = ❌ not out
spotchecks-more = …and {$count} earlier.

err-spotcheck-not-allowed = Spot checks are for town supervisors and coordinators.
err-spotcheck-outside-town = {$team} is not in a town you supervise. Pick a team of your towns.
err-spotcheck-person-only = Only a person can record a spot check.
err-spotcheck-invalid = That spot check is incomplete (findings: 1 to {$max} characters, rating 1 to 5).
err-spotcheck-bad-range = The nights must be dates (YYYY-MM-DD), the first not after the last.

## /kit
kit-item-vest = vests
kit-item-cap = caps
kit-item-armband = armbands
kit-item-first-aid-kit = first-aid kits
kit-item-logbook = logbooks
kit-kind-missing = missing
kit-kind-worn = worn out
kit-team-title =
    🧰 Kit of {$team}
    {$counts}
    {$counted}
kit-team-counted = Last counted {$when} by {$name}.
kit-team-never-counted = Not counted yet: press ✏️ Update counts.
kit-team-requests = Open requests:
kit-team-no-requests = No open requests.
kit-request-line = #{$id} {$team}: {$item}: {$quantity} {$kind}{$note} · {$name}, {$when}
kit-pick-team = Which team's kit?
btn-kit-update = ✏️ Update counts
btn-kit-report = ⚠️ Report missing/worn
btn-kit-handled = ✅ #{$id} handled
kit-overview-district =
    🧰 Kit of the district: {$counted} of {$teams} teams have counted
    Totals: {$totals}
kit-overview-towns =
    🧰 Kit of your towns: {$counted} of {$teams} teams have counted
    Totals: {$totals}
kit-overview-short = Short of a full set ({$count}):
kit-overview-all-full = Every team that counted has a full set.
kit-overview-uncounted = Not counted yet ({$count}): {$names}
kit-overview-requests = Open requests ({$count}):
kit-overview-no-requests = No open requests.
kit-more = …and {$count} more.
kit-more-requests = …and {$count} more requests.
kit-handled-done = Request #{$id} marked handled; the leader is told.
kit-ask-counts =
    ✏️ Send what the team holds in one message, for example:
    vests 8, caps 8, armbands 8, first aid 1, logbook 1
    Items you leave out keep their count.
kit-counts-not-understood =
    I could not read any counts from that. Write each item with its number, for example:
    vests 8, caps 8, armbands 8, first aid 1, logbook 1
kit-counts-saved = ✅ Saved: {$counts}
kit-ask-item = ⚠️ Which item is missing or worn out?
kit-ask-kind = {$item}: missing, or worn out?
kit-ask-quantity = How many? Send a number from 1 to {$max}.
kit-quantity-invalid = Please send a whole number from 1 to {$max}.
kit-ask-note = Anything to add (what happened, where it is needed)? Send a note of up to {$max} characters, or press Skip.
kit-note-too-long = That is {$length} characters; a note holds at most {$max}.
kit-request-recorded = ⚠️ Request #{$id} recorded: {$item}: {$quantity} {$kind}. The coordinators see it in /kit.
kit-request-notice = 🧰 Kit request #{$id} from {$name}, {$team}: {$item}: {$quantity} {$kind}{$note}. Press ✅ once it is handed out; /kit lists all open requests.
kit-request-handled-notice = ✅ Your request #{$id} for {$team} ({$item}: {$quantity} {$kind}) was handled by {$name}.

err-kit-not-allowed = /kit is for team leaders, town supervisors and coordinators.
err-kit-person-only = Only a person can do that.
err-kit-not-your-team = That is not a team you lead.
err-kit-nothing-counted = No counts were given.
err-kit-bad-quantity = A count is a whole number from 0 to {$max}.
err-kit-bad-request = A request needs an item, missing or worn, and a number from 1 to {$max}.
err-kit-request-not-found = That request does not exist.
err-kit-already-handled = {$name} has already handled this request.
