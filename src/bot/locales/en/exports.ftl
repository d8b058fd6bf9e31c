# CSV exports (English). Every key must also be in zh/exports.ftl.
export-ask-kind = 📤 What do you want to export?
export-kind-shifts = Shifts
export-kind-attendance = Attendance
export-kind-incidents = Reports
export-kind-logs = Duty logs
export-ask-range = Which nights? Pick one, or type two dates like 2027-06-01 2027-06-30 (one date is one night).
btn-export-last-7 = Last 7 nights ({$from} – {$to})
btn-export-last-30 = Last 30 nights ({$from} – {$to})
export-working = ⏳ Preparing the file…
export-caption = {$kind}, {$from} – {$to}: {$rows} rows. Column names are in English; open with Excel or any spreadsheet.
err-export-bad-date = "{$value}" is not a date: write it as 2027-06-01.
err-export-range-reversed = The first date ({$from}) is after the second ({$to}).
err-export-range-too-long = That is too many nights: at most {$max} at a time.
err-export-unknown-kind = There is no export called "{$kind}".
err-export-too-large = The file would be larger than Telegram allows: choose fewer nights, or ask an operator for the CLI export.
