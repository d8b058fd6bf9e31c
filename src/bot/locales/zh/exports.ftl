# CSV 导出（中文）。这里的每个键在 en/exports.ftl 中也必须存在。
export-ask-kind = 📤 要导出什么？
export-kind-shifts = 班次
export-kind-attendance = 出勤
export-kind-incidents = 报告
export-kind-logs = 值班记录
export-ask-range = 导出哪些晚上？请选择，或输入两个日期，例如 2027-06-01 2027-06-30（只写一个日期就是那一晚）。
btn-export-last-7 = 最近 7 晚（{$from} 至 {$to}）
btn-export-last-30 = 最近 30 晚（{$from} 至 {$to}）
export-working = ⏳ 正在生成文件……
export-caption = {$kind}，{$from} 至 {$to}：共 {$rows} 行。列名为英文，可用 Excel 或其他表格软件打开。
err-export-bad-date = “{$value}”不是日期，请写成 2027-06-01 这样。
err-export-range-reversed = 第一个日期（{$from}）晚于第二个日期（{$to}）。
err-export-range-too-long = 晚数太多了：一次最多 {$max} 晚。
err-export-unknown-kind = 没有名为“{$kind}”的导出。
err-export-too-large = 文件会超过 Telegram 允许的大小：请少选几晚，或请运维人员用命令行导出。
