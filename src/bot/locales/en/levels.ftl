# Response levels and the special-days calendar (English). Every key must also be in zh/levels.ftl.
cmd-status = The response level where you patrol
cmd-specialdays = Social patrol days and holidays
level-normal = Normal
level-heightened = Heightened (level 2)
level-level1 = Level 1 response
status-level = 🛡 Response level for {$area}: {$level}.
status-district = the district
specialdays-title = Social patrol days and holidays:
specialdays-none = No social patrol days or holidays are planned.
specialdays-line = {$date} · {$kind} · {$name} · {$level}
specialday-social_patrol_day = Social patrol day
specialday-holiday = Public holiday
specialdays-usage = Use /specialdays to see the calendar; coordinators add a night with "/specialdays add 2027-10-01 holiday National Day" (or "patrol" for a social patrol day) and remove one with "/specialdays remove 2027-10-01".
err-specialday-invalid = That is not a valid night: use a date like 2027-10-01 and a name up to 64 characters.
err-specialday-not-found = There is no special day on {$night}.
err-specialday-bad-date = "{$value}" is not a date: write it like 2027-10-01.
