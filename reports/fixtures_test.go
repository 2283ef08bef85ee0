package reports

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Fixtures: realistic views as the app would fill them. Region and chain
// names follow /work/shared/data; scores are formatted as the scoring
// engine formats them.

var (
	fixedDate = time.Date(2026, 11, 23, 10, 0, 0, 0, chinaTime)
	office    = Issuer{Name: "江苏省制造强省建设领导小组办公室"}
)

var sampleChains = []ListEntry{
	{Chain: "无锡市物联网产业链", CoreArea: "无锡市新吴区", CollabAreas: []string{"无锡市梁溪区", "江阴市", "宜兴市"}},
	{Chain: "常州市先进碳材料产业链", CoreArea: "常州市武进区", CollabAreas: []string{"常州市新北区", "溧阳市"}},
	{Chain: "苏州市生物医药产业链", CoreArea: "苏州工业园区", CollabAreas: []string{"苏州市吴中区", "苏州市相城区", "昆山市", "太仓市"}},
	{Chain: "南通市高技术船舶产业链", CoreArea: "南通市崇川区", CollabAreas: []string{"海门区", "启东市"}},
	{Chain: "徐州市起重机产业链", CoreArea: "徐州经济技术开发区", CollabAreas: []string{"徐州市铜山区"}},
	{Chain: "南京市特高压设备产业链", CoreArea: "南京市江宁区", CollabAreas: []string{"南京市浦口区", "南京市江北新区"}},
	{Chain: "常州市车联网产业链", CoreArea: "常州市天宁区", CollabAreas: nil},
	{Chain: "宿迁市品牌服装产业链", CoreArea: "宿迁市宿城区", CollabAreas: []string{"沭阳县", "泗阳县"}},
}

// Cities with districts, and chain names, for building longer lists of
// distinct, plausible entries.
var (
	sampleCities = []struct {
		city      string
		districts []string
	}{
		{"南京市", []string{"南京市江宁区", "南京市浦口区", "南京市栖霞区", "南京市溧水区"}},
		{"无锡市", []string{"无锡市新吴区", "江阴市", "宜兴市", "无锡市锡山区"}},
		{"徐州市", []string{"徐州市铜山区", "邳州市", "徐州市贾汪区"}},
		{"常州市", []string{"常州市武进区", "常州市新北区", "溧阳市", "常州市金坛区"}},
		{"苏州市", []string{"苏州工业园区", "昆山市", "张家港市", "常熟市", "太仓市"}},
		{"南通市", []string{"南通市崇川区", "海门区", "启东市", "如皋市"}},
		{"连云港市", []string{"连云港市海州区", "东海县", "灌云县"}},
		{"淮安市", []string{"淮安市清江浦区", "涟水县", "盱眙县"}},
		{"盐城市", []string{"盐城市亭湖区", "东台市", "大丰区", "射阳县"}},
		{"扬州市", []string{"扬州市邗江区", "仪征市", "高邮市"}},
		{"镇江市", []string{"镇江市京口区", "丹阳市", "句容市"}},
		{"泰州市", []string{"泰州市海陵区", "靖江市", "泰兴市", "兴化市"}},
		{"宿迁市", []string{"宿迁市宿城区", "沭阳县", "泗阳县"}},
	}
	sampleChainNames = []string{"特高压设备", "起重机", "车联网", "品牌服装", "先进碳材料", "生物医药",
		"集成电路", "高技术船舶", "轨道交通装备", "水污染防治设备", "动力电池", "晶硅光伏", "工业母机"}
)

// entries returns n list entries: the hand-written samples first, then
// generated ones with distinct names and one to three collaborating areas.
func entries(n int) []ListEntry {
	out := make([]ListEntry, 0, n)
	for i := 0; len(out) < n; i++ {
		if i < len(sampleChains) {
			e := sampleChains[i]
			e.CollabAreas = slices.Clone(e.CollabAreas) // tests may edit their copy
			out = append(out, e)
			continue
		}
		c := sampleCities[i%len(sampleCities)]
		chain := sampleChainNames[(i*5+i/len(sampleCities))%len(sampleChainNames)]
		collab := slices.Clone(c.districts[1 : 1+i%min(3, len(c.districts)-1)+1])
		if i%5 == 0 {
			collab = nil
		}
		out = append(out, ListEntry{Chain: c.city + chain + "产业链", CoreArea: c.districts[0], CollabAreas: collab})
	}
	return out
}

func sampleResultNotice(winners int) ResultNotice {
	return ResultNotice{
		Issuer:      office,
		Number:      DocNumber{Prefix: "苏制强办", Year: 2026, Seq: 12},
		Addressees:  "各设区市人民政府，省各有关部门和单位",
		Competition: "2026年度江苏省区域卓越产业链竞赛",
		Purpose:     "为深入实施江苏省“产业强链”行动，推动产业链核心区与协同区联动发展",
		Basis:       "《江苏省区域卓越产业链竞赛实施办法》（苏制强办〔2026〕3号）",
		Procedure:   []string{"地方申报", "形式审查", "专家评审", "实地考察", "综合遴选", "社会公示"},
		Designation: "2026年度江苏省区域卓越产业链",
		Sections: []Section{
			{Heading: "强化跟踪服务", Paragraphs: []string{"各设区市要将入选产业链纳入本地区制造业高质量发展重点工作，加强跟踪服务，协调解决发展中遇到的困难和问题，每年3月底前报送上一年度发展情况。"}},
			{Heading: "健全协同机制", Subsections: []Section{
				{Heading: "明确分工", Paragraphs: []string{"核心区所在地要牵头建立核心区与协同区共同参与的推进机制，明确责任分工和年度目标。"}},
				{Heading: "实施动态管理", Paragraphs: []string{"省制造强省建设领导小组办公室将组织开展年度评估，对发展成效不明显的产业链予以调整。"}},
			}},
		},
		Winners: entries(winners),
		Date:    fixedDate,
		Public:  true,
		CopyTo:  []string{"省委办公厅", "省人大常委会办公厅", "省政府办公厅", "省政协办公厅"},
	}
}

func samplePublicNotice() PublicNotice {
	return PublicNotice{
		Issuer:      office,
		Competition: "2026年度江苏省区域卓越产业链竞赛",
		Basis:       "《江苏省区域卓越产业链竞赛实施办法》（苏制强办〔2026〕3号）",
		Procedure:   []string{"地方申报", "形式审查", "专家评审", "实地考察", "综合遴选"},
		Designation: "2026年度江苏省区域卓越产业链",
		PeriodStart: time.Date(2026, 11, 24, 0, 0, 0, 0, chinaTime),
		PeriodEnd:   time.Date(2026, 11, 30, 0, 0, 0, 0, chinaTime),
		PeriodNote:  "5个工作日",
		Contacts: []Contact{
			{Role: "业务咨询", Person: "王明", Phone: "025-83331234"},
			{Role: "监督举报", Phone: "025-83335678"},
		},
		Address:    "南京市鼓楼区北京西路70号",
		Postcode:   "210008",
		Email:      "chanyelian@example.gov.cn",
		Candidates: entries(12),
		Date:       time.Date(2026, 11, 23, 0, 0, 0, 0, chinaTime),
	}
}

var sampleJudges = []string{"赵堃", "钱明远", "孙喆", "李卫东", "周晓梅", "吴建国", "郑蕾"}

// sampleSummary has dossiers × judges totals as the engine reports them:
// one dropped highest and one dropped lowest score per dossier, a flagged
// score and a recusal.
func sampleSummary(dossiers, judges int) ScoreSummary {
	names := make([]string, judges)
	for j := range names {
		names[j] = sampleJudges[j%len(sampleJudges)]
		if j >= len(sampleJudges) {
			names[j] = fmt.Sprintf("专家%d", j+1)
		}
	}
	list := entries(dossiers)
	rows := make([]SummaryRow, dossiers)
	for i := range rows {
		scores := make([]Score, judges)
		for j := range scores {
			scores[j] = Score{Value: fmt.Sprintf("%d.%d0", 78+(i*7+j*3)%15, (i+j)%2*5)}
		}
		scores[(i+1)%judges].Dropped = true
		scores[(i+3)%judges].Dropped = true
		if i == 2 {
			scores[0] = Score{Recused: true}
		}
		if i == 1 {
			scores[(i+1)%judges].Flag = FlagHigh
		}
		rows[i] = SummaryRow{
			DossierNo: fmt.Sprintf("JS2026-%04d", 11+i), Chain: list[i].Chain, Applicant: strings.TrimSuffix(list[i].CoreArea, "区") + "区",
			Scores: scores, Aggregate: fmt.Sprintf("%d.%02d", 90-i, (i*37)%100), Rank: fmt.Sprint(i + 1),
		}
	}
	if dossiers > 4 {
		rows[4].Rank, rows[3].Rank = "4（并列）", "4（并列）"
	}
	return ScoreSummary{
		Competition: "2026年度江苏省区域卓越产业链竞赛",
		Stage:       "申报评审",
		Group:       "装备制造组",
		Judges:      names,
		Rows:        rows,
		Rule:        fmt.Sprintf("评委 %d 人，去掉 1 个最高分和 1 个最低分（按评委人数的默认规则），对其余分数取算术平均，按 2 位小数四舍五入。", judges),
		Agreement: []Statistic{
			{Name: "ICC(2,1) 单个评委", Value: "0.71", Reading: "中等（0.5–0.75）"},
			{Name: "ICC(2,k) 评委组平均", Value: "0.94", Reading: "优秀（> 0.9）"},
			{Name: "Kendall's W", Value: "0.78", Reading: "排序一致性较强，χ² = 38.2，p < 0.001"},
			{Name: "Krippendorff's α（区间）", Value: "0.69", Reading: "可暂时采信（≥ 0.667）"},
		},
		Notes:      []string{"第2号项目孙喆评分畸高，已书面说明理由，评审组认可。"},
		Signatures: []string{"评审组组长", "监督人员"},
		Date:       time.Date(2026, 11, 20, 0, 0, 0, 0, chinaTime),
	}
}

var sampleDossier = DossierRef{
	Competition: "2026年度江苏省区域卓越产业链竞赛", Stage: "申报评审", Group: "装备制造组",
	DossierNo: "JS2026-0012", Chain: "徐州市起重机产业链", Applicant: "徐州市",
}

const sampleRubricHash = "9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8"

func sampleExpertSheet() ExpertSheet {
	return ExpertSheet{
		DossierRef: sampleDossier, Expert: "赵堃",
		Criteria: []CriterionMark{
			{Code: "A1", Name: "产业规模与增速", Max: "15", Score: "13.5", Comment: "规上企业营业收入超千亿元，近三年年均增速12.4%，规模优势明显。"},
			{Code: "A2", Name: "链主企业与配套体系", Max: "15", Score: "14.5", Comment: "链主企业全球市场占有率居前，本地配套率约65%。", Flag: FlagHigh,
				FlagReason: "实地核查确认链主企业本地采购额占比达65%，高于其他申报项目，故给予高分。"},
			{Code: "B1", Name: "协同创新能力", Max: "20", Score: "16", Comment: "拥有国家级制造业创新中心1个，研发投入强度3.1%。"},
			{Code: "B2", Name: "核心区与协同区联动机制", Max: "20", Score: "15", Comment: "协同机制已建立，但跨区域项目数量偏少，分工有待细化。"},
			{Code: "C1", Name: "数字化与绿色化水平", Max: "15", Score: "12", Comment: "关键工序数控化率较高，单位增加值能耗下降幅度一般。"},
			{Code: "C2", Name: "发展目标与保障措施", Max: "15", Score: "13", Comment: "目标明确，保障措施具体可行。"},
		},
		Total: "84.00", MaxTotal: "100",
		Overall:    "该产业链规模大、链主带动作用突出，创新平台较完善；建议进一步加强核心区与协同区之间的项目协作和要素共享。",
		RubricName: "区域卓越产业链申报评审细则", RubricVersion: "v3", RubricHash: sampleRubricHash,
		SubmittedAt: time.Date(2026, 11, 18, 15, 42, 7, 0, chinaTime),
	}
}

func sampleCalculation() CalculationSheet {
	marks := func(values ...string) []JudgeScore {
		out := make([]JudgeScore, len(values))
		for i, v := range values {
			out[i] = JudgeScore{Judge: sampleJudges[i], Score: Score{Value: v}}
		}
		return out
	}
	a1 := marks("13.5", "12", "14", "11", "13", "12.5", "15")
	a1[3].Dropped, a1[6].Dropped = true, true
	a1[6].Flag = FlagHigh
	b1 := marks("16", "17", "", "15", "18", "16", "17")
	b1[2].Score = Score{Recused: true}
	b1[3].Dropped, b1[4].Dropped = true, true
	return CalculationSheet{
		DossierRef: sampleDossier,
		Method:     "截尾平均：评委 5–9 人时去掉 1 个最高分和 1 个最低分；先按指标汇总，再加权求和", RubricHash: sampleRubricHash,
		Criteria: []CriterionCalculation{
			{Code: "A1", Name: "产业规模与增速", Weight: "1", Marks: a1, Points: "13.00", Steps: []string{
				"评委 7 人，去掉 1 个最高分和 1 个最低分（按评委人数的默认规则）",
				"去掉的最低分：李卫东 11；去掉的最高分：郑蕾 15",
				"(12 + 12.5 + 13 + 13.5 + 14) ÷ 5 = 13",
				"第一次舍入（汇总后）：13，无需舍入",
				"第二次舍入（加权后）：13 × 权重 1 = 13，按 2 位小数四舍五入为 13.00",
				"本项得分：13.00",
				"提示（不影响计算）：郑蕾 15 分比中位数高 2 分（修正 z 分数 3.9），评分畸高，需评委书面说明理由",
			}},
			{Code: "B1", Name: "协同创新能力", Weight: "1.2", Marks: b1, Points: "19.80", Steps: []string{
				"评委 6 人（孙喆回避），去掉 1 个最高分和 1 个最低分（按评委人数的默认规则）",
				"去掉的最低分：李卫东 15；去掉的最高分：周晓梅 18",
				"(16 + 16 + 17 + 17) ÷ 4 = 33/2",
				"第一次舍入（汇总后）：33/2 = 16.5，无需舍入",
				"第二次舍入（加权后）：16.5 × 权重 1.2 = 19.8，按 2 位小数四舍五入为 19.80",
				"本项得分：19.80",
			}},
		},
		TotalSteps: []string{"各项得分求和：13.00 + 19.80 + 14.60 + 15.20 + 12.40 + 13.10 = 88.10", "总分不超过满分 100，按 88.10 计"},
		Total:      "88.10",
		StageSteps: []string{"申报评审得分 88.10 × 40% = 35.24", "实地考察得分 86.50 × 60% = 51.90", "综合得分：35.24 + 51.90 = 87.14"},
		RankSteps:  []string{"综合得分 87.14，与第 4 名同分", "同分处理第一规则（B1 协同创新能力得分高者优先）：19.80 对 18.60，本项目在前", "最终名次：第 4 名"},
		Rank:       "4",
		Date:       time.Date(2026, 11, 21, 9, 30, 0, 0, chinaTime),
	}
}

func sampleReceipt() Receipt {
	return Receipt{
		Issuer: office, Competition: "2026年度江苏省区域卓越产业链竞赛",
		ReceiptNo: "HZ-2026-000137", DossierNo: "JS2026-0012", Applicant: "徐州市",
		Chain: "徐州市起重机产业链", CoreArea: "徐州经济技术开发区", CollabAreas: []string{"徐州市铜山区", "邳州市"},
		Submitter:     "xuzhou（徐州市工业和信息化局）",
		SubmittedAt:   time.Date(2026, 9, 30, 16, 5, 31, 0, chinaTime),
		ContentSHA256: "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b",
		Attachments: []Attachment{
			{Name: "01-申报书.pdf", Size: 2457600, SHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
			{Name: "02-产业链发展规划（2026-2028年）.pdf", Size: 1183744, SHA256: "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"},
			{Name: "03-统计数据表.xlsx", Size: 86016, SHA256: "fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9"},
			{Name: "04-证明材料汇编.zip", Size: 15728640, SHA256: "baa5a0964d3320fbc0c6a922140453c8513ea24ab8fd0577034804a967248096"},
		},
	}
}
