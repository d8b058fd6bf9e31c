# CSV 导出（中文）。这里的每个键在 en/exports.ftl 中也必须存在。
export-ask-kind = 📤 请选择要导出的内容：
export-kind-shifts = 班次
export-kind-attendance = 出勤
export-kind-incidents = 上报
export-kind-logs = 值班记录
export-ask-range = 导出哪几晚？请选择，或输入两个日期，如 2027-06-01 2027-06-30（只写一个日期即导出当晚）。
btn-export-last-7 = 最近 7 晚（{$from}至{$to}）
btn-export-last-30 = 最近 30 晚（{$from}至{$to}）
export-working = ⏳ 正在生成文件……
export-caption = {$kind}，{$from}至{$to}：共 {$rows} 行。列名为英文，可用 Excel 或 WPS 表格打开。
err-export-bad-date = “{$value}”不是日期，请写成 2027-06-01 这样的格式。
err-export-range-reversed = 第一个日期（{$from}）晚于第二个日期（{$to}）。
err-export-range-too-long = 日期范围太长：一次最多导出 {$max} 晚。
err-export-unknown-kind = 没有名为“{$kind}”的导出内容。
err-export-too-large = 文件将超过 Telegram 允许的大小：请缩短日期范围，或请运维人员用命令行导出。
