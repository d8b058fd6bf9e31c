# Shouye, English. Every key here must also be in zh.ftl (a test checks this).

## Command menu
cmd-start = Start, or open an invite
cmd-me = Your team, roles and next steps
cmd-lang = Change language
cmd-help = What you can do here
cmd-cancel = Stop the current dialog
cmd-leave = Leave your team
cmd-forgetme = Delete your personal data
cmd-team = Team members and sign-ups
cmd-invite = Invite link and QR code for a team
cmd-invites = Active invite links
cmd-import = Import volunteers from a CSV or Excel file
cmd-review = Weekly review: figures, chart and table
cmd-ranking = Team evaluation: the week's ranking
cmd-stats = Your nights, hours and tips; service-hours statement
cmd-export = Export shifts, attendance, reports or logs as CSV
cmd-statement = Check a service-hours statement by its number

## General
help-title = Commands you can use:
unhandled = I did not understand that. Send /help to see what you can do.
cancelled = Cancelled.
nothing-to-cancel = There is nothing to cancel.
dialog-ended = (The dialog you had open is closed.)
dialog-ended-signup = Your sign-up is not finished. To finish it, open your invite link again.
hint-use-buttons = Please use the buttons above, or send /cancel to stop.
hint-text-expected = Please answer with text, or send /cancel to stop.
hint-phone-expected = Tap "Share my phone number", or "Skip". Send /cancel to stop.
lang-choose = Choose your language:
lang-set = Language set to English.

## Start and signup
start-newcomer =
    Welcome to Shouye, the night patrol volunteers' bot.
    To join a team, open the invite link your team leader gives you.
    If your community already registered you, share your phone number and I will find your record.
signup-ask-language = 请选择语言 / Choose your language:
signup-welcome = You are joining the patrol team {$team}. A few questions, and you are done.
signup-ask-name = What is your name? (as your team knows you)
signup-name-invalid = Please send your name as text, up to 64 characters.
signup-ask-phone = Share your phone number so your team leader can reach you. Only your team's leaders and the coordinators see it. You may skip this.
signup-contact-not-yours = That is not your own contact. Please use the "Share my phone number" button, or skip.
signup-phone-thanks = Thank you.
signup-phone-skipped = No phone number, that is fine.
signup-ask-weekdays = On which weekdays can you patrol (20:00-24:00)? Tap the days, then "Done".
signup-ask-consent =
    Your name, phone number and patrol days are stored to organise patrols. Your team's leaders and the district coordination office can see them. You can delete them any time with /forgetme.
    Do you agree?
signup-declined = Understood. Nothing was saved as a sign-up. You can open the invite link again any time.
signup-pending = Thank you! Your sign-up for {$team} was sent to the team leaders. I will tell you when they have answered.
signup-linked = Welcome! Your community had already registered you for {$team}: you are an active member now. Send /me to see your details.
link-done = Found you: your Telegram account is now linked to your registration.

## Buttons
btn-share-phone = 📱 Share my phone number
btn-skip = Skip
btn-done = Done
btn-consent-yes = ✅ I agree
btn-consent-no = ❌ No
btn-approve = ✅ Approve
btn-reject = ❌ Reject
btn-revoke = Revoke
btn-cancel = Cancel
btn-back = ◀ Back
btn-remove = Remove from team
btn-remove-yes = Yes, remove
btn-make-deputy = Make deputy
btn-make-leader = Make team leader
btn-leave-team = Leave {$team}
btn-forget-yes = Yes, delete my data

## Cards and notices from the outbox
card-signup =
    🆕 New volunteer for {$team}
    Name: {$name}
    Phone: {$phone}
    Patrol days: {$weekdays}
card-signup-decided =
    {$team}: {$name}
    Patrol days: {$weekdays}
    {$decision} by {$by}
card-signup-imported = {$team}: {$name} was on the coordinators' list and is now a member.
decision-approved = ✅ Approved
decision-rejected = ❌ Rejected
review-approved = Approved. The volunteer has been told.
review-rejected = Rejected. The volunteer has been told.
notice-signup-approved = ✅ You are now a member of the patrol team {$team}. Thank you for guarding the night for everyone! Send /me to see your details.
notice-signup-rejected = Your sign-up for {$team} was not accepted. If you think this is a mistake, please talk to your community.
notice-removed = You were removed from the patrol team {$team}. Thank you for your service.
notice-member-left = {$name} left the team {$team}.
notice-member-forgotten = A member of your team left and asked for their personal data to be deleted.
notice-appointed-deputy = You are now a deputy team leader of {$team}. Send /team to see your members.
notice-appointed-leader = You are now a team leader of {$team}. Send /team to see your members and /invite to invite volunteers.

## /me
me-title = 👤 {$name}
me-team-active = Team: {$team} (patrol days: {$weekdays})
me-team-pending = Team: {$team}, waiting for a team leader's approval
me-role-leader = Team leader of {$team}
me-role-deputy = Deputy team leader of {$team}
me-role-supervisor = Town supervisor: {$town}
me-role-coordinator = District coordinator
me-role-police = Police liaison: {$town}
me-whole-district = whole district
me-no-team = You are not on a patrol team yet.
me-next-newcomer = Ask your team leader for an invite link to join a team.
me-next-pending = Your team leaders will answer soon.
me-next-volunteer = Your shift reminders will come here.
me-next-leader = /team shows your members, /invite makes an invite link.
me-next-supervisor = /team <team> shows a team in your town.
me-next-coordinator = /import adds volunteers from a CSV file; /invite <team> and /team <team> work for any team.
me-telegram-id = Your Telegram id: {$id} (a coordinator needs it to give you a role).

## Invites
invite-created =
    Invite link for {$team} (valid until {$expires}):
    {$link}
    Print the QR code for the community notice board.
invite-revoked = Invite {$code} revoked.
poster-invite-line = Scan the code with your phone to sign up for this team on Telegram
invites-title = Active invite links:
invites-line = {$code}: used {$uses} times, valid until {$expires}
invites-none = There are no active invite links. Send /invite to make one.
team-arg-needed = Which team? Send /{$command} followed by the team's number or part of its name.
team-pick = Several teams match. Choose one:

## /team
team-title = {$team}: {$active} active, {$pending} waiting
team-empty = No members yet. Send /invite to invite volunteers.
team-remove-confirm = Remove {$name} from the team?
team-removed = {$name} was removed.
team-appointed-deputy = Done: they are a deputy team leader now.
team-appointed-leader = Done: they are a team leader now.
team-already-has-role = They already have that role.
status-pending = waiting for approval
status-not-linked = not on Telegram yet
role-leader = team leader
role-deputy = deputy team leader

## /leave and /forgetme
leave-confirm = Which team do you want to leave?
leave-done = You left {$team}. Thank you for your service.
forget-confirm = This deletes your name, phone number and Telegram link, and takes you off your teams. Anonymous counts (for example how many nights were patrolled) stay. Continue?
forget-done = Your personal data was deleted. Goodbye, and thank you.

## Import
import-howto =
    Send me the CSV or Excel (.xlsx) file as a document (an .xlsx: its first worksheet). Columns (first row): town, community, team, name, phone, role, weekdays, affiliation.
    role is volunteer, leader or deputy; weekdays like "1,3,5" or "一三五"; affiliation is optional.
import-not-csv = That is not a CSV or Excel file. Please send a .csv or .xlsx file as a document.
import-too-large = The file is too large (over 20 MB). Please split it.
import-started = Importing…
import-progress = Importing… {$done} of {$total} rows
import-finished = Import finished.
import-failed = The import stopped because of an error. Rows already imported are kept; you can send the same file again safely.
import-summary =
    Rows: {$total}
    New members: {$created}
    Updated: {$updated}
    Unchanged: {$unchanged}
    Skipped: {$skipped}
    Rows with problems: {$errors}
import-error-line = Line {$line}: {$reason}
# The summary and its problem lines, one a line (drawn when the outbox sends it).
import-report = {$report}
import-more-errors = …and {$count} more.
import-problems-caption = All {$count} rows with problems, to fix in the spreadsheet before sending it again.
import-problems-file = import-problems
import-problems-col-row = Row
import-problems-col-problem = Problem

## Shifts and reminders
duty-patrol = night patrol
duty-at = {$name} ({$location})
reminder-ask =
    🌙 {$duty} of {$team}
    {$date}, {$start}-{$end}
    Are you coming?
reminder-nudge =
    ⏰ Reminder: {$duty} of {$team} tonight, {$date}, {$start}-{$end}.
    Please let your shift leader know whether you are coming.
reminder-checkin =
    🚶 {$duty} of {$team} starts at {$start} ({$date}).
    Check in when you arrive.
btn-coming = ✅ Coming
btn-cant-come = ❌ Can't come
btn-find-substitute = 🔁 Find me a substitute
btn-check-in = 📍 Check in
notice-running-late = ⏱ {$name} is coming to the {$duty} of {$date}, about {$minutes} minutes late.
notice-cant-come = ❌ {$name} can't come to the {$duty} of {$date} ({$start}-{$end}). Teammates are being asked to take the place.
notice-wants-substitute = 🔁 {$name} asked for a substitute for the {$duty} of {$date} ({$start}-{$end}). Teammates are being asked.
slot-offer =
    🙋 A place is open on the {$duty} of {$team}
    {$date}, {$start}-{$end}
    Can you take it? The first to answer gets it.
slot-offer-named =
    🙋 {$name} asked you to take their place on the {$duty} of {$team}
    {$date}, {$start}-{$end}
btn-take-slot = 🙋 I'll take it
notice-slot-filled = ✅ {$name} took the open place on the {$duty} of {$date}.
notice-substitute-found = ✅ {$name} will take your place on the {$duty} of {$date}. Thank you for finding a substitute.
notice-slot-missing = ⚠️ The {$duty} of {$date} ({$start}-{$end}) is still one person short; nobody has taken the open place.
notice-slot-missing-named = ⚠️ Nobody has taken {$name}'s place on the {$duty} of {$date} ({$start}-{$end}) yet.
answer-coming = ✅ Thank you! See you at {$start}.
answer-late = ✅ Thank you. Your shift leader knows you will be about {$minutes} minutes late.
answer-cant = Understood. Your shift leader has been told, and teammates are being asked to take your place.
answer-substitute = 🔁 I am asking your teammates. You stay on the shift until someone takes it; I will tell you who.
slot-yours = ✅ The place is yours: {$duty} of {$date}, {$start}-{$end}. I will remind you before it starts.
err-shift-not-found = That shift does not exist.
err-shift-not-yours = That is not your shift.
err-shift-not-on-it = You are no longer on that shift.
err-shift-over = That shift is already over.
err-shift-started = That shift has already started; please tell your shift leader directly.
err-slot-not-found = That place no longer exists.
err-slot-taken = Someone else was faster: that place is taken. Thank you all the same!
err-slot-closed = That place is no longer open.
err-slot-not-for-you = That place is not offered to you.
err-slot-busy-that-night = You are already on a shift that night.
err-slot-on-leave = You are on leave that night.
message-closed =
    {$message}
    {$line}
answered-coming = ✅ Answered: coming ({$time})
answered-late = ⏱ Answered: coming, about {$minutes} minutes late ({$time})
answered-cant = ❌ Answered: can't come ({$time})
answered-substitute = 🔁 Answered: find me a substitute ({$time})
answered-checked-in = 📍 Checked in ({$time})
answered-substituted = 🔁 {$name} takes your place ({$time})
offer-taken-by = ✅ Taken by {$name} ({$time})
offer-all-taken = ✅ All the places are taken ({$time})
offer-taken-by-you = ✅ You took this place ({$time})
offer-withdrawn = ↩️ No longer needed: {$name} is coming after all ({$time})
offer-closed = ⏹ This place is no longer open ({$time})
err-shift-answered-coming = You already answered: coming. To change it, reply to the reminder in words, for example "can't come" or "find me a substitute".
err-shift-answered-cant = You already answered: can't come.
err-shift-answered-substitute = You already asked for a substitute; teammates are being asked. To change it, reply to the reminder in words, for example "coming" or "can't come".
err-shift-answered-meanwhile = Another answer of yours arrived at the same moment; the first one counts.
err-slot-already-yours = This place is already yours. I will remind you before it starts.

notice-no-shows = 🚫 No-show on the {$duty} of {$date} ({$start}-{$end}), not checked in: {$names} ({$count}).
notice-auto-checked-out = You did not check out of the {$duty} of {$date}, so I closed it at {$end}. Tell your shift leader if that is wrong.
checkin-done = 📍 Checked in for the {$duty} ({$start}-{$end}). Thank you for guarding the night! If you like, share your location (📎 → Location; a live location works too). Check out when you finish.
checkin-location-saved = 📍 Location added to your check-in.
checkout-done = 👋 Checked out. Thank you, and get home safely!
btn-check-out = 👋 Check out
shifts-title = Your coming shifts:
shifts-line = {$date} {$start}-{$end}: {$duty}, {$team}{$status}
shifts-none = You have no shifts planned in the coming days.
shifts-status-coming = ✅
shifts-status-cant = ❌
shifts-status-substitute = 🔁
shifts-status-none = ❔
substitute-who = Should someone in particular take your place (for example a family member on the team)? Or I ask the whole team.
btn-ask-team = Ask the whole team
reply-unclear = I did not understand your answer. Please use the buttons:
reply-unclear-several = I did not understand your answer. Please use the buttons of the night you mean:
asked-night = {$duty} of {$team}, {$date}, {$start}-{$end}
which-night = Which night do you mean?
btn-which-night = {$date} {$start}-{$end}
btn-which-night-offer = 🙋 {$date} {$start}-{$end} (open place)
offer-declined = All right: the place stays open for your teammates.
err-checkin-no-shift-now = You have no shift to check in to right now.
err-checkin-not-open-yet = Check-in opens 30 minutes before the start ({$start}).
err-checkin-already = You are already checked in.
err-checkout-not-checked-in = You are not checked in, so there is nothing to check out of.
err-checkout-already = You have already checked out.

cmd-shifts = Your coming shifts
cmd-checkin = Check in to tonight's shift
cmd-checkout = Check out when you finish

notice-place-taken = ✅ {$name} took your place on the {$duty} of {$date}. No worries, thank you for telling us in time.

board =
    📋 {$duty} · {$team}
    {$date} {$start}-{$end}
    On the roster {$expected} of {$required} · confirmed {$confirmed} · checked in {$checkedIn} · no-show {$noShow}
    {$lines}
    ✅ coming  ⏱ late  📍 checked in  👋 checked out  🚫 no-show  🔁 wants a substitute  ❌ can't come  ❔ no answer
btn-mark-present = ✔️ {$name} is here
btn-hand-over = Hand tonight to a deputy
roster-none = You lead no shift tonight or in the next day.
err-roster-bad-date = "{$value}" is not a date. Send /roster for tonight, or a night written like /roster 2027-06-01.
roster-pick = Which shift?
present-marked = Marked present.
handover-who = Who leads tonight?
handover-done = Done: they lead tonight and have been told.
notice-you-lead-tonight = 🧭 You lead the {$duty} of {$team} on {$date} ({$start}-{$end}). Send /roster for the live board.
cmd-roster = Tonight's live roster
err-shift-not-lead = Only tonight's shift leader, the team's leaders, the town supervisor or a coordinator can do that.
err-shift-hand-over = Only the team leader can hand over tonight's shift.
err-shift-not-a-deputy = That person is not a leader or deputy of the team.
err-shift-substitute-unavailable = That teammate cannot take it that night.

btn-roster-add = ➕ Add someone
btn-roster-remove = ➖ Take someone off
roster-add-who = Whom do you add? (free that night and not on leave)
roster-remove-who = Whom do you take off this shift?
roster-nobody-free = Nobody else on the team is free that night.
roster-added = Added; they have been told.
roster-removed = Taken off; they have been told.
notice-added-to-shift = 🌙 Your shift leader put you on the {$duty} of {$team}, {$date} {$start}-{$end}. I will remind you before it starts.
notice-removed-from-shift = Your shift leader took you off the {$duty} of {$date} ({$start}-{$end}).
open-title = Shifts of your team that are short of people:
open-line = {$date} {$start}-{$end} {$duty}: {$missing} missing
open-none = No shift of your team is short of people this week. Thank you for asking!
btn-join-shift = 🙋 {$date} {$start}
leave-dates-pick = Tap the nights you cannot patrol (🏖 = on leave), then Done.
leave-dates-done = Leave dates saved.
leave-dates-saved = Saved {$added} leave dates. Shifts given up because of them: {$released}.
leave-dates-released = You were planned that night; your place is offered to teammates and your shift leader is told.
cmd-open = Join a shift that is short of people
cmd-leave_dates = Nights you cannot patrol
err-leave-bad-date = "{$value}" is not a date from today on (write it like 2027-06-01).
err-leave-too-many = At most 90 dates at once.
err-roster-not-addable = That person cannot be added to this shift (not free that night, on leave, or not on the team).

patrol-current =
    {$team}: patrol {$startTime}-{$endTime}
    People a night: {$headcountNormal} normally, {$headcountHeightened} when heightened, {$headcountLevel1} at level 1.
    To change: /patrol 20:00-24:00 4 8 8
patrol-updated =
    Saved. {$team}: patrol {$startTime}-{$endTime}
    People a night: {$headcountNormal} normally, {$headcountHeightened} when heightened, {$headcountLevel1} at level 1.
    The nights already planned from tonight on follow it; their volunteers and the team's leaders are told.
patrol-usage = Write it like this: /patrol 20:00-24:00 4 8 8 (window, then people a night: normal, heightened, level 1).
notice-shift-times-moved =
    🕖 New times for the {$duty} of {$team}: {$start}-{$end} (was {$wasStart}-{$wasEnd}). Your nights:
    {$nights}
night-line = {$date}, {$start}-{$end}
patrol-moved-leads =
    ⚙️ {$team}: the planned nights now run {$start}-{$end} (was {$wasStart}-{$wasEnd}); {$moved ->
        [one] 1 night
       *[other] {$moved} nights
    } moved, {$told ->
        [one] 1 volunteer
       *[other] {$told} volunteers
    } told.
    {$kept}
patrol-moved-kept = {$date} keeps {$wasStart}-{$wasEnd}: its new start has already passed.
cmd-patrol = Patrol window and headcounts
cmd-spotcheck = Record a spot check of a team on patrol
cmd-spotchecks = This week's spot checks
cmd-kit = Team kit: counts, missing or worn items
err-duty-bad-time = Times are written 00:00 to 24:00.
err-duty-empty-window = The start and the end must differ.

status-no-shows = no-shows: {$count}

## Errors
 (from err- plus the reason a verb gives)
err-internal = Something went wrong on our side. Please try again in a moment.
err-forbidden = You are not allowed to do that.
err-not-found = That no longer exists.
err-conflict = That was changed meanwhile.
err-validation = That is not valid.
err-stale-button = This button no longer works.
err-coordinator-only = Only district coordinators can do that.
err-team-not-found = No team matches that.
err-town-not-found = No such town.
err-person-not-found = No such person.
err-person-ambiguous = {$count} people match; name them by phone number or Telegram id (tg:123456).
err-person-bad-reference = Name a person by their phone number or Telegram id (tg:123456).
err-role-needs-team = Leaders and deputies are granted for a team: add --team with its number from "teams".
err-role-needs-town = Supervisors are granted for a town: add --town with its name, and no --team.
err-role-no-scope = Coordinators are granted for the whole district: leave out --team and --town.
err-role-town-only = Police liaisons are granted for a town or the district, not a team: leave out --team.
err-role-invalid = That role cannot be granted: use volunteer, leader, deputy, supervisor, police or coordinator.
err-locale-unknown = That language is not offered: use zh or en.
err-membership-not-found = That member is no longer on the team.
err-membership-already-ended = That membership had already ended.
err-invite-unknown = This invite link does not exist. Please ask your team leader for a new one.
err-invite-expired = This invite link has expired. Please ask your team leader for a new one.
err-invite-revoked = This invite link was withdrawn. Please ask your team leader for a new one.
err-invite-already-revoked = That invite was already revoked.
err-signup-already-member = You are already a member of {$team}.
err-signup-already-decided = Already decided ({$status}) by {$by}.
err-signup-changed-meanwhile = Your membership changed meanwhile. Please open the invite link again.
err-signup-no-weekdays = Choose at least one day.
err-signup-name-empty = Please give your name.
err-signup-name-too-long = The name is too long (64 characters at most).
err-signup-no-consent = A sign-up needs your consent.
err-team-remove-leader = Only a town supervisor or a coordinator can remove a team leader.
err-team-remove-self = To leave the team yourself, send /leave.
err-team-appoint-inactive = Only active members can get a role.
err-leave-not-member = You are not on a team.
err-link-no-match = I found no registration with that phone number. Ask your team leader for an invite link.
err-link-bad-phone = That phone number is not valid.
err-role-grant = You may not give that role.
err-role-revoke = You may not take that role away.
err-import-bad-csv = the file could not be read as CSV
err-import-unreadable-xlsx = That Excel file could not be read: it may be damaged, or not an .xlsx workbook. Save it again as .xlsx (or as CSV) and send it again.
err-import-empty-xlsx = The first worksheet of that Excel file is empty. Put the header row and the volunteers on the first worksheet and send it again.
err-import-missing-column = a required column is missing: {$value}
err-import-missing-town = the town is missing
err-import-missing-community = the community is missing
err-import-missing-team = the team is missing
err-import-missing-name = the name is missing
err-import-bad-phone = the phone number "{$value}" is not a mobile number: a mainland mobile has 11 digits starting with 13 to 19; numbers of other countries start with + and the country code
err-import-bad-role = the role "{$value}" is unknown (use volunteer, leader or deputy)
err-import-bad-weekdays = the weekdays "{$value}" are not understood
err-import-too-long = a value is too long: "{$value}"
err-import-duplicate-in-file = the same person appears earlier in the file
err-import-membership-ended = this person had left or was removed; not added again
err-import-role-ended = this person's role had been taken away; not given again
err-import-db-error = the row could not be saved
