package reports

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"chainjudge/reports/pdftext"
)

// struckThrough reports whether a horizontal rule crosses the run's text.
func struckThrough(p pdftext.Page, r pdftext.Run) bool {
	for _, l := range p.Lines {
		if math.Abs(l.Y1-l.Y2) < 1e-6 && l.Y1 < r.Y && l.Y1 > r.Y-r.Size*25.4/72*0.6 &&
			l.X1 <= r.X && l.X2 > r.X+1 {
			return true
		}
	}
	return false
}

func TestScoreSummary_MatrixMarksAndSignatures(t *testing.T) {
	s := sampleSummary(12, 7)
	doc, _ := readBack(t, s)
	text := flat(doc)
	mustContain(t, "summary", text,
		"2026年度江苏省区域卓越产业链竞赛评分汇总表",
		"评审阶段：申报评审　　评审组：装备制造组　　评审日期：2026年11月20日",
		"序号申报编号产业链（申报地区）赵堃钱明远孙喆李卫东周晓梅吴建国郑蕾汇总得分名次",
		"JS2026-0011", "无锡市物联网产业链（无锡市新吴区）", "90.00",
		"回避", "4（并列）",
		"说明：[ ] 内加删除线的分数按汇总规则去掉", "▲ 为评分畸高",
		"汇总规则评委 7 人，去掉 1 个最高分和 1 个最低分",
		"评分一致性指标数值解读ICC(2,1) 单个评委0.71中等（0.5–0.75）",
		"Kendall's W0.78",
		"备注第2号项目孙喆评分畸高",
		"评审组组长（签字）：", "监督人员（签字）：", "日期：",
	)
	checkPages(t, doc, 297, 210)
	checkPageNumbers(t, doc, defaultFonts(t), 1, 2)
	// Dropped scores are bracketed and struck through; counted ones are not.
	var dropped, counted, flagged int
	for _, p := range doc.Pages {
		for i, r := range p.Runs {
			switch {
			case strings.HasPrefix(r.Text, "[") && strings.HasSuffix(r.Text, "]"):
				dropped++
				if !struckThrough(p, r) {
					t.Errorf("dropped score %q at (%.1f, %.1f) is not struck through", r.Text, r.X, r.Y)
				}
				if i+1 < len(p.Runs) && p.Runs[i+1].Text == "▲" {
					flagged++
				}
			case r.Text == "81.00" || r.Text == "90.00":
				counted++
				if struckThrough(p, r) {
					t.Errorf("counted score %q is struck through", r.Text)
				}
			}
		}
	}
	if dropped != 24 || flagged != 1 || counted == 0 {
		t.Errorf("%d dropped, %d flagged dropped, %d counted scores seen; want 24 dropped (2 per dossier), 1 flagged", dropped, flagged, counted)
	}
	// The heading row repeats on the second page of the matrix.
	mustContain(t, "page 2", doc.Pages[1].Text(), "序号\n申报编号\n")
}

// A judge's total over several criteria is never dropped as a whole; the
// count of its criterion scores the rule dropped is set under it as
// "去n项", and the legend explains that mark instead of the struck-through
// one.
func TestScoreSummary_DroppedItemsUnderJudgeTotals(t *testing.T) {
	s := sampleSummary(4, 5)
	want := map[string]string{} // value → its mark
	for i := range s.Rows {
		for j := range s.Rows[i].Scores {
			sc := &s.Rows[i].Scores[j]
			sc.Dropped = false
			if sc.Recused || (i+j)%3 != 0 {
				continue
			}
			sc.Value = fmt.Sprintf("%d.%d5", 60+i*5+j, i)
			sc.DroppedItems = 1 + (i+j)%4
			want[sc.Value] = fmt.Sprintf("去%d项", sc.DroppedItems)
		}
	}
	s.Rows[1].Scores[2].Flag = FlagLow
	doc, _ := readBack(t, s)
	text := flat(doc)
	mustContain(t, "summary", text, "说明：评委合计分后标注的“去n项”表示该评委在该申报上有n个指标的评分按汇总规则被去掉，明细见得分计算说明；▲ 为评分畸高")
	mustNotContain(t, "summary", text, "删除线", "[")
	seen := 0
	for _, p := range doc.Pages {
		for i, r := range p.Runs {
			if !strings.HasPrefix(r.Text, "去") {
				continue
			}
			// The mark is the cell's next line, under the value (and its ▲▼).
			k := i - 1
			if k >= 0 && (p.Runs[k].Text == "▲" || p.Runs[k].Text == "▼") {
				k--
			}
			if k < 0 || want[p.Runs[k].Text] != r.Text {
				t.Errorf("%q follows %q; want each mark under the value it counts", r.Text, p.Runs[max(k, 0)].Text)
				continue
			}
			v := p.Runs[k]
			if r.Y <= v.Y || r.Y-v.Y > 6 || math.Abs(r.X-v.X) > 6 {
				t.Errorf("%q at (%.1f, %.1f) is not just under %q at (%.1f, %.1f)", r.Text, r.X, r.Y, v.Text, v.X, v.Y)
			}
			seen++
		}
	}
	if seen != len(want) {
		t.Errorf("%d marks; want %d", seen, len(want))
	}

	// Without dropped criterion scores there is no mark and no word of it.
	for i := range s.Rows {
		for j := range s.Rows[i].Scores {
			s.Rows[i].Scores[j].DroppedItems = 0
		}
	}
	s.Rows[0].Scores[1].Dropped = true
	doc, _ = readBack(t, s)
	text = flat(doc)
	mustContain(t, "summary", text, "说明：[ ] 内加删除线的分数按汇总规则去掉，不计入汇总得分；▲")
	mustNotContain(t, "summary", text, "去n项", "去1项", "去2项", "去3项", "去4项")
}

func TestScoreSummary_PortraitForSmallPanels(t *testing.T) {
	doc, _ := readBack(t, sampleSummary(3, 3))
	checkPages(t, doc, 210, 297)
}

func TestScoreSummary_RejectsRaggedRows(t *testing.T) {
	s := sampleSummary(3, 5)
	s.Rows[1].Scores = s.Rows[1].Scores[:4]
	_, err := Bytes(s, Options{})
	if err == nil || !strings.Contains(err.Error(), "Rows[1]") {
		t.Errorf("error = %v; want one naming Rows[1]", err)
	}
}

func TestExpertSheet_ScoresReasonsAndRubricHash(t *testing.T) {
	e := sampleExpertSheet()
	doc, _ := readBack(t, e)
	text := flat(doc)
	mustContain(t, "expert sheet", text,
		"专家评分表", "2026年度江苏省区域卓越产业链竞赛　申报评审",
		"申报编号JS2026-0012", "产业链徐州市起重机产业链", "评审专家赵堃", "提交时间2026年11月18日 15:42:07",
		"编号评价指标满分得分评语",
		"A1产业规模与增速1513.5规上企业营业收入超千亿元",
		"A2链主企业与配套体系1514.5▲",
		"合计10084.00",
		"畸高、畸低评分的书面理由",
		"A2 链主企业与配套体系（14.5分，畸高）：实地核查确认链主企业本地采购额占比达65%",
		"总体评价该产业链规模大",
		"细则名称区域卓越产业链申报评审细则 v3",
		"细则指纹"+sampleRubricHash,
		DefaultDeclaration,
		"评审专家（签字）：",
	)
	checkPages(t, doc, 210, 297)
	// The hash is set in the monospaced font, whole on one line.
	for _, p := range doc.Pages {
		for _, r := range p.Runs {
			if r.Text == sampleRubricHash && r.Size != 10.5 {
				t.Errorf("hash run size %v; want 五号", r.Size)
			}
		}
	}
}

func TestExpertSheet_LowFlagWithoutReason(t *testing.T) {
	e := sampleExpertSheet()
	e.Criteria[1].Flag, e.Criteria[1].FlagReason = NoFlag, ""
	e.Criteria[4].Flag = FlagLow
	doc, _ := readBack(t, e)
	text := flat(doc)
	mustContain(t, "expert sheet", text, "1512▼", "C1 数字化与绿色化水平（12分，畸低）：（未填写理由）")
	mustNotContain(t, "expert sheet", text, "14.5▲")
}

func TestCalculationSheet_EveryStep(t *testing.T) {
	c := sampleCalculation()
	doc, _ := readBack(t, c)
	text := flat(doc)
	mustContain(t, "calculation", text,
		"得分计算说明", "申报编号JS2026-0012", "本阶段得分88.10", "名次4",
		"一、A1 产业规模与增速（权重 1）",
		"评委赵堃钱明远孙喆李卫东周晓梅吴建国郑蕾本项得分分数13.51214[11]1312.5[15]▲13.00",
		"1. 评委 7 人，去掉 1 个最高分和 1 个最低分（按评委人数的默认规则）",
		"3. (12 + 12.5 + 13 + 13.5 + 14) ÷ 5 = 13",
		"7. 提示（不影响计算）：郑蕾 15 分比中位数高 2 分",
		"二、B1 协同创新能力（权重 1.2）", "回避",
		"三、总分", "1. 各项得分求和：13.00 + 19.80 + 14.60 + 15.20 + 12.40 + 13.10 = 88.10",
		"四、阶段合成", "3. 综合得分：35.24 + 51.90 = 87.14",
		"五、排名与同分处理", "2. 同分处理第一规则（B1 协同创新能力得分高者优先）",
		"生成时间：2026年11月21日 09:30:00",
		"复核人（签字）：",
	)
	checkPages(t, doc, 210, 297)
	var struck int
	for _, p := range doc.Pages {
		for _, r := range p.Runs {
			if strings.HasPrefix(r.Text, "[") && struckThrough(p, r) {
				struck++
			}
		}
	}
	if struck != 4 {
		t.Errorf("%d struck-through dropped scores; want 4", struck)
	}
}

func TestCalculationSheet_SingleStageSkipsEmptySections(t *testing.T) {
	c := sampleCalculation()
	c.StageSteps, c.RankSteps = nil, nil
	doc, _ := readBack(t, c)
	text := flat(doc)
	mustContain(t, "calculation", text, "三、总分")
	mustNotContain(t, "calculation", text, "阶段合成", "四、")
}

func TestReceipt_OnePageWithDigests(t *testing.T) {
	r := sampleReceipt()
	doc, _ := readBack(t, r)
	if len(doc.Pages) != 1 {
		t.Fatalf("%d pages; want the receipt on one page", len(doc.Pages))
	}
	text := flat(doc)
	mustContain(t, "receipt", text,
		"申报回执", "回执编号：HZ-2026-000137",
		"申报编号JS2026-0012", "申报地区徐州市", "产业链徐州市起重机产业链", "核心区徐州经济技术开发区",
		"协同区徐州市铜山区、邳州市", "提交时间2026年9月30日 16:05:31（北京时间）",
		"申报内容摘要"+r.ContentSHA256,
		"附件清单", "序号文件名大小SHA-256",
		"01-申报书.pdf2.34 MB", "03-统计数据表.xlsx84.0 KB", "15.00 MB",
		"1. 本回执仅证明上述申报材料已于所列时间通过系统提交",
		"江苏省制造强省建设领导小组办公室2026年9月30日",
	)
	// Each attachment hash comes back whole once the two halves its
	// narrow column wraps it into are joined.
	for _, a := range r.Attachments {
		if !strings.Contains(text, a.SHA256) {
			t.Errorf("attachment digest %s missing", a.SHA256)
		}
	}
	mustNotContain(t, "receipt", doc.Text(), "— 1 —")
	checkPages(t, doc, 210, 297)
}
