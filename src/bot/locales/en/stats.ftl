# Personal stats and service-hours statements (English). Every key must also be in zh/stats.ftl.
stats-period-year = This year
stats-period-12m = Last 12 months
stats-period-all = All time
stats-nights = { $nights ->
    [one] 1 night
   *[other] { $nights } nights
}
stats-figures =
    📊 Patrol record of {$name}
    {$period}: {$from} – {$to}
    🌙 Nights on patrol: {$nights}
    ⏱ Hours: {$hours}
    💡 Tips reported: {$tips}, verified useful: {$verified}
stats-no-nights = No nights on patrol in this period yet: a statement can be issued after your first checked-in night.
btn-stats-statement = 📄 Service-hours statement (PDF)
btn-stats-statement-image = 🖼 As an image
statement-image-more = … and {$n} more nights: the PDF lists them all.
stats-statement-caption = 📄 Statement {$number}: {$nights}, {$hours} hours ({$from} – {$to}).
err-stats-not-member = Your patrol record starts when you join a team: ask your team's leader for an invite link.
err-stats-no-nights = There are no checked-in nights in this period, so there is nothing to certify yet.

statement-title = Volunteer Patrol Service-Hours Statement
statement-issuer = {$district} Volunteer Patrol Coordination Office
statement-name = Name: {$value}
statement-affiliation = Affiliation: {$value}
statement-period = Period: {$from} – {$to}
statement-number = Statement no.: {$number}
statement-issued = Issued: {$date}
statement-col-date = Night
statement-col-team = Team
statement-col-duty = Duty
statement-col-time = Time
statement-col-hours = Hours
statement-total = Total
statement-totals = {$name} served {$nights} of volunteer night patrol, {$hours} hours in all.
statement-rule = Hours run from check-in to check-out; a volunteer who forgot to check out is counted to the end of the shift. Nights given up or taken off the roster are not counted. Each night is rounded to a tenth of an hour and the total is the sum of the nights.
statement-page = Page {$page} of {$pages}
statement-usage = Send /statement with the number printed on the statement, for example /statement NH-S-2027-000042-7KQ3MX.
statement-checked = ✅ Statement {$number} is genuine: issued on {$issued} to {$name} ({$teams}) for {$nights}, {$hours} hours, nights {$from} – {$to}.
err-statement-bad-number = That is not a statement number; they look like NH-S-2027-000042-7KQ3MX.
err-statement-not-found = No statement {$number} was issued: please check the number. A statement under a number that was never issued is not genuine.
statement-verify = Verify: scan the QR code or send /statement {$number} to @{$bot}.
statement-stamp = (Official stamp)
statement-signature = Signed:

verify-page-title = Service-hours statement check
verify-genuine = ✅ Statement {$number} is genuine: issued by the {$district} Volunteer Patrol Coordination Office. It certifies:
verify-period = {$from} – {$to}
verify-field-number = Statement no.
verify-field-name = Name
verify-field-teams = Team
verify-field-period = Period
verify-field-nights = Nights on patrol
verify-field-hours = Hours
verify-field-issued = Issued
