# 响应等级与巡防日历（中文）。每个键也必须在 en/levels.ftl 中。
cmd-status = 所在区域当前的响应等级
cmd-specialdays = 社会化大巡防日和法定节假日
level-normal = 常态
level-heightened = 加强（二级）
level-level1 = 一级响应
status-level = 🛡 {$area}目前{ $code ->
        [level1] 处于{$level}
        [heightened] 处于{$level}响应
       *[normal] 为{$level}巡防
    }。
status-district = 全区
specialdays-title = 社会化大巡防日和法定节假日：
specialdays-none = 目前没有安排社会化大巡防日或法定节假日。
specialdays-line = {$date} · {$kind} · {$name} · {$level}
specialday-social_patrol_day = 社会化大巡防日
specialday-holiday = 法定节假日
specialdays-usage = 发送 /specialdays 查看巡防日历；协调员可发送“/specialdays 添加 2027-10-01 节假日 国庆节”（或“巡防日”）添加，发送“/specialdays 删除 2027-10-01”删除。
err-specialday-invalid = 日期无效：请使用 2027-10-01 这样的日期，名称最多 64 字。
err-specialday-not-found = {$night}不是特殊日。
err-specialday-bad-date = “{$value}”不是日期，请写成 2027-10-01 这样的格式。
