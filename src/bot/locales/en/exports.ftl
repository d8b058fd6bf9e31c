# Exports, Excel and CSV (English). Every key must also be in zh/exports.ftl.
export-ask-kind = 📤 What do you want to export?
export-kind-shifts = Shifts
export-kind-attendance = Attendance
export-kind-incidents = Reports
export-kind-logs = Duty logs
export-ask-range = Which nights? Pick one, or type two dates like 2027-06-01 2027-06-30 (one date is one night). The file is an Excel workbook; press CSV first for a CSV file.
btn-export-xlsx = Excel (.xlsx)
btn-export-csv = CSV
btn-export-chosen = ✓ {$label}
btn-export-last-7 = Last 7 nights ({$from} – {$to})
btn-export-last-30 = Last 30 nights ({$from} – {$to})
export-working = ⏳ Preparing the file…
export-caption = {$kind}, {$from} – {$to}: {$rows} rows. Open it with Excel or any spreadsheet.
err-export-bad-date = "{$value}" is not a date: write it as 2027-06-01.
err-export-range-reversed = The first date ({$from}) is after the second ({$to}).
err-export-range-too-long = That is too many nights: at most {$max} at a time.
err-export-unknown-kind = There is no export called "{$kind}".
err-export-too-large = The file would be larger than Telegram allows: choose fewer nights, or ask an operator for the CLI export.
err-export-xlsx-too-many-rows = An Excel file takes at most {$max} rows: choose fewer nights, or press CSV for a CSV file.

# Column headers and stored codes in the files, as the reader sees them.
export-col-night = Night
export-col-town = Town
export-col-community = Community
export-col-team = Team
export-col-duty = Duty
export-col-location = Location
export-col-starts_at = Starts
export-col-ends_at = Ends
export-col-required = People needed
export-col-on_roster = On the roster
export-col-checked_in = Checked in
export-col-no_shows = No-shows
export-col-shift_leader = Shift leader
export-col-log_closed_at = Log closed
export-col-cancelled_at = Cancelled
export-col-person_id = Person number
export-col-name = Name
export-col-affiliation = Affiliation
export-col-source = How they were put on
export-col-reply = Reply
export-col-late_minutes = Minutes late
export-col-checked_in_at = Checked in at
export-col-checked_out_at = Checked out at
export-col-auto_checked_out = Checked out automatically
export-col-marked_present = Marked present
export-col-no_show_at = Marked no-show at
export-col-ended_at = Taken off at
export-col-ended_reason = Why taken off
export-col-hours = Hours
export-col-ref = Reference number
export-col-created_at = Reported at
export-col-category = Category
export-col-status = Status
export-col-public = From a resident
export-col-reporter = Reported by
export-col-description = Description
export-col-latitude = Latitude
export-col-longitude = Longitude
export-col-owner = Taken on by
export-col-acknowledged_at = Taken on at
export-col-forwarded_at = Forwarded to police at
export-col-resolved_at = Resolved at
export-col-resolution_note = Resolution note
export-col-verdict = Verdict
export-col-verdict_at = Verdict at
export-col-on_patrol = On patrol
export-col-hazards = Hazards
export-col-tips = Tips
export-col-helped = Assistance
export-col-disputes = Disputes
export-col-figures_confirmed_at = Figures confirmed at
export-col-messages = Messages
export-col-photos = Photos
export-col-voice_notes = Voice notes
export-col-text = Text
export-yes = yes
export-no = no
export-val-source-rota = Rota
export-val-source-manual = Added by a lead
export-val-source-open_slot = Took an open place
export-val-source-substitute = Substitute
export-val-reply-coming = Coming
export-val-reply-cant = Can't come
export-val-reply-substitute = Substitute
export-val-ended_reason-substituted = Substituted
export-val-ended_reason-cant = Can't come
export-val-ended_reason-level_lowered = Response level lowered
export-val-ended_reason-left_team = Left the team
export-val-ended_reason-removed = Taken off by a lead
export-val-category-tip = Tip
export-val-category-hazard = Hazard
export-val-category-assistance = Assistance
export-val-category-dispute = Dispute
export-val-category-suspicious = Suspicious person or vehicle
export-val-category-emergency = Emergency
export-val-status-open = Waiting to be taken on
export-val-status-acknowledged = Taken on
export-val-status-forwarded = Forwarded to police
export-val-status-resolved = Resolved
export-val-verdict-useful = Useful tip
export-val-verdict-not_useful = Not a useful tip

# The operator's CLI (npm run cli -- export), in DEFAULT_LOCALE.
cli-export-usage = export needs a kind ({$kinds}), --from and --to, e.g. {$example}
cli-export-bad-lang = cannot export in "{$lang}": --lang is zh or en
cli-export-bad-format = cannot export as "{$format}": --format is xlsx or csv
cli-export-unknown-kind = cannot export "{$kind}": choose one of {$kinds}
cli-export-bad-date = cannot export: "{$value}" is not a date; write --from and --to as YYYY-MM-DD
cli-export-range-reversed = cannot export: --from {$from} is after --to {$to}
cli-export-range-too-long = cannot export: at most {$max} nights at a time
cli-export-xlsx-too-many-rows = cannot export as xlsx: at most {$max} rows; choose fewer nights, or --format csv
cli-export-done =
    {$kind}, {$from} to {$to}: {$rows ->
        [one] 1 row
       *[other] {$rows} rows
    }
cli-export-written =
    {$kind}, {$from} to {$to}: {$rows ->
        [one] 1 row
       *[other] {$rows} rows
    }, written to {$file}
