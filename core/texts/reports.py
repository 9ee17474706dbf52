"""Every Chinese word the reports show, in one place."""

from __future__ import annotations

TITLES = {"daily": "热线日报", "weekly": "热线周报", "monthly": "热线月报"}

# figure → (label, how it is computed, in one line; docs/reports.md has the full definition)
FIGURES = {
    "feedback_on_time": ("反馈及时率", "首次答复时限落在本期内的工单中，按时首次答复的比例"),
    "closure": ("结案率", "本期受理的工单（撤销、合并除外）中，期末已结案的比例"),
    "follow_up": ("回访率", "本期办结的工单（每轮办结计一次）中，期末前已取得居民评价的比例"),
    "satisfaction": ("满意率", "本期居民评价中，满意与基本满意的比例（未回复不计）"),
    "resolved_on_time": ("按时办结率", "本期办结的工单（每轮计一次）中，在该轮办结时限内办结的比例"),
    "dispatch_accuracy": ("派单准确率", "本期首次经调度员核对分类的工单中，智能分类正确的比例"),
}

SECTIONS = {
    "summary": "核心指标",
    "intake": "受理情况",
    "by_kind": "按诉求类型",
    "by_category": "按分类",
    "by_grid": "按网格",
    "by_channel": "按渠道",
    "by_urgency": "按紧急程度",
    "satisfaction_by_category": "分类满意率",
    "per_grid": "各网格及时率",
    "overdue": "超时未办结工单",
    "returns": "退回情况",
    "recurring": "重复问题",
    "workload": "人员工作量",
    "open": "未结工单最新状态",
    "trend": "趋势",
}

HEAD = {
    "number": "工单号", "status": "状态", "urgency": "紧急程度", "category": "分类", "grid": "网格",
    "address": "地址", "created": "受理时间", "due": "办结时限", "hours_over": "超时(小时)", "level": "督办级别",
    "latest": "最新进展", "overdue": "超时", "count": "数量", "reason": "退回原因", "numbers": "工单",
    "name": "姓名", "grids": "所属网格", "claimed": "接单", "progress": "反馈进展", "resolved": "办结",
    "resolved_on_time": "按时办结", "returned": "退回", "open_at_end": "在办", "average_hours": "平均处理时长(小时)",
    "filed": "受理", "closed": "结案", "day": "日期", "item": "项目", "value": "数值", "numerator": "分子",
    "denominator": "分母", "rate": "比率",
}

WORDS = {
    "filed": "本期受理", "dissatisfied": "不满意评价", "no_answer": "未回复结案", "resolved_late": "超时办结",
    "returns": "退回次数", "none": "无", "yes": "是", "period": "统计周期", "grid": "网格", "all_grids": "全部网格",
    "generated": "生成时间", "timezone": "时区", "more": "另有{n}件，详见完整报表", "trend_title": "受理与结案趋势",
    "category_title": "分类构成（本期受理）", "grid_title": "各网格及时率", "legend_filed": "受理",
    "legend_closed": "结案", "legend_feedback": "反馈及时率", "legend_resolved": "按时办结率",
    "no_data": "本期无数据", "recurring_rule": "同一小区/楼栋/单元、同一分类在本期出现≥{n}次",
    "charts_font_missing": "（本机未安装中文字体，图中文字可能无法显示）",
}
