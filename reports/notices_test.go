package reports

import (
	"strings"
	"testing"
)

func TestResultNotice_TextAndLayout(t *testing.T) {
	n := sampleResultNotice(50)
	doc, data := readBack(t, n)
	text := flat(doc)
	mustContain(t, "result notice", text,
		"江苏省制造强省建设领导小组办公室文件",
		"苏制强办〔2026〕12号",
		"关于公布2026年度江苏省区域卓越产业链竞赛结果的通知",
		"各设区市人民政府，省各有关部门和单位：",
		"根据《江苏省区域卓越产业链竞赛实施办法》（苏制强办〔2026〕3号），经地方申报、形式审查、专家评审、实地考察、综合遴选、社会公示等程序，"+
			"确定无锡市物联网产业链等50条产业链为2026年度江苏省区域卓越产业链，现予以公布（名单见附件）。",
		"一、强化跟踪服务", "二、健全协同机制", "（一）明确分工。核心区所在地要牵头", "（二）实施动态管理。",
		"附件：2026年度江苏省区域卓越产业链名单",
		"江苏省制造强省建设领导小组办公室2026年11月23日（此件公开发布）",
		"序号产业链核心区协同区",
		"抄送：省委办公厅，省人大常委会办公厅，省政府办公厅，省政协办公厅。",
		"江苏省制造强省建设领导小组办公室2026年11月23日印发",
	)
	for i, w := range n.Winners {
		mustContain(t, "winners table", text, w.Chain, w.CoreArea)
		if i == 2 {
			mustContain(t, "winners table", text, "苏州市吴中区、苏州市相城区、昆山市、太仓市")
		}
	}
	checkPages(t, doc, 210, 297)
	if len(doc.Pages) != 6 {
		t.Fatalf("%d pages; want 6 (2 body, 3 list, 版记 alone on the even page 6)", len(doc.Pages))
	}
	checkPageNumbers(t, doc, defaultFonts(t), 1, 2, 3, 4, 5, 6)
	// The attachment starts on a new page with its label and repeats the
	// table heading on every page of the list.
	if first := doc.Pages[2].Runs[0]; first.Text != "附件" || first.Y > 37+10.3 {
		t.Errorf("page 3 starts with %q at %.1f; want 附件 on the first line", first.Text, first.Y)
	}
	for _, p := range []int{3, 4, 5} {
		mustContain(t, "list page heading", doc.Pages[p-1].Text(), "序号\n产业链\n核心区\n协同区\n")
	}
	last := doc.Pages[5].Text()
	mustContain(t, "last page", last, "抄送：", "印发")
	mustNotContain(t, "pages before the 版记", doc.Pages[4].Text(), "印发")
	// Red: the mark and the rule, nothing else.
	for i, p := range doc.Pages {
		for _, r := range p.Runs {
			red := r.Color[0] > 0.5 && r.Color[1] == 0
			if red != (i == 0 && r.Text == "江苏省制造强省建设领导小组办公室文件") {
				t.Errorf("page %d: %q colour %v", i+1, r.Text, r.Color)
			}
		}
	}
	if len(data) > 300_000 {
		t.Errorf("notice with 50 winners is %d bytes; want ≤ 300 KB", len(data))
	}
}

func TestResultNotice_TitleOverrideAndSingleWinner(t *testing.T) {
	n := sampleResultNotice(1)
	n.Title = "关于公布首批江苏省区域卓越产业链\n名单的通知"
	n.Public = false
	n.CopyTo = nil
	n.Closing = "特此通知。"
	doc, _ := readBack(t, n)
	text := doc.Text()
	mustContain(t, "notice", text, "关于公布首批江苏省区域卓越产业链\n名单的通知\n", "特此通知。")
	mustContain(t, "notice", flat(doc), "确定无锡市物联网产业链为2026年度江苏省区域卓越产业链")
	mustNotContain(t, "notice", flat(doc), "此件公开发布", "抄送", "等1条")
	if len(doc.Pages)%2 != 0 {
		t.Errorf("%d pages; want an even count (版记 on an even page)", len(doc.Pages))
	}
}

func TestPublicNotice_TextAndLayout(t *testing.T) {
	doc, _ := readBack(t, samplePublicNotice())
	text := flat(doc)
	mustContain(t, "公示", text,
		"关于2026年度江苏省区域卓越产业链拟入选名单的公示",
		"确定无锡市物联网产业链等12条产业链为2026年度江苏省区域卓越产业链拟入选对象。现将拟入选名单予以公示（见附件），接受社会监督。",
		"一、公示时间：2026年11月24日至11月30日（5个工作日）。",
		"二、异议处理：公示期间，任何单位和个人对拟入选名单有异议的，可以书面形式向江苏省制造强省建设领导小组办公室反映。",
		"（一）"+DefaultObjectionRules[0], "（三）匿名异议和超出公示期的异议不予受理。",
		"三、联系方式", "业务咨询：王明，电话 025-83331234", "监督举报：电话 025-83335678",
		"通讯地址：南京市鼓楼区北京西路70号（邮编 210008）", "电子邮箱：chanyelian@example.gov.cn",
		"附件：2026年度江苏省区域卓越产业链拟入选名单",
		"江苏省制造强省建设领导小组办公室2026年11月23日",
		"序号产业链核心区协同区",
	)
	mustNotContain(t, "公示", text, "文件", "〔2026〕12号", "抄送", "印发")
	for _, p := range doc.Pages {
		for _, r := range p.Runs {
			if r.Color != [3]float64{} {
				t.Errorf("%q is coloured %v; a 公示 has no red header", r.Text, r.Color)
			}
		}
		for _, l := range p.Lines {
			if l.Color != [3]float64{} {
				t.Errorf("coloured rule %+v; a 公示 has no red rule", l)
			}
		}
	}
	checkPages(t, doc, 210, 297)
	numbers := make([]int, len(doc.Pages))
	for i := range numbers {
		numbers[i] = i + 1
	}
	checkPageNumbers(t, doc, defaultFonts(t), numbers...)
	// 一、 and 二、 are run-in headings in 黑体: a different font from the
	// text that follows them.
	p1 := doc.Pages[0]
	var heading, body string
	for i, r := range p1.Runs {
		if r.Text == "一、公示时间：" && i+1 < len(p1.Runs) {
			heading, body = r.Font, p1.Runs[i+1].Font
		}
	}
	if heading == "" || heading == body {
		t.Errorf("run-in heading font %q, text font %q; want 黑体 for the heading", heading, body)
	}
}

func TestPublicNotice_CustomObjectionsAndPeriodAcrossYears(t *testing.T) {
	n := samplePublicNotice()
	n.Objections = []string{"异议请于公示期内寄送书面材料。"}
	n.PeriodStart = n.PeriodStart.AddDate(0, 1, 4) // 2026-12-28
	n.PeriodEnd = n.PeriodEnd.AddDate(0, 1, 5)     // 2027-01-04
	n.PeriodNote = ""
	doc, _ := readBack(t, n)
	text := flat(doc)
	mustContain(t, "公示", text, "（一）异议请于公示期内寄送书面材料。", "一、公示时间：2026年12月28日至2027年1月4日。")
	mustNotContain(t, "公示", text, "匿名异议", "（二）")
	if strings.Count(text, "公示时间") != 1 {
		t.Error("the period appears more than once")
	}
}
