package results

import (
	"fmt"
	"strings"
)

// bundleReadme explains the bundle and how to recompute every published
// stage score from the raw scores.
func bundleReadme(in BundleInput) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s · 公开透明包（transparency bundle）\n", in.Competition)
	fmt.Fprintf(&b, "生成时间：%s（UTC）\n评分细则哈希：%s\n", in.Generated.UTC().Format("2006-01-02 15:04:05"), in.RubricHash)
	if in.Published != nil {
		fmt.Fprintf(&b, "已公布：%s %s，%s\n", in.Published.Issuer, in.Published.DocNumber, in.Published.PublishedAt.UTC().Format("2006-01-02"))
	} else {
		b.WriteString("尚未公布：以下为已冻结的阶段结果。\n")
	}
	b.WriteString(`
文件
  rubric.yaml                  冻结的评分细则（chainjudge rubric check rubric.yaml 可核对哈希）
  raw_scores.csv               原始评分：stage,dossier,criterion,judge,score；评委以编号代替，编号在本竞赛内固定，不含姓名
  objective_points.csv         客观指标：办公室核实后的数值及其得分（客观指标不由专家打分）
  stage_results.csv            冻结的阶段结果：名次、专家评分部分、客观分、得分、是否否决、是否晋级及理由
  results/<阶段>.json          冻结的阶段结果全文，含每一步计算说明、被去掉和被标记的分数、一致性统计
  final_ranking.csv            最终排名（全部阶段冻结后）
  results/final.json           最终排名全文，含最终得分的计算步骤
  published.json               公布的结果：发文字号和入选名单（公布后）
  score_inputs/<阶段>/<指标>.json  每个阶段、每个专家打分指标的 chainjudge score 输入
  SHA256SUMS                   以上各文件的 SHA-256（sha256sum -c SHA256SUMS 可校验）

如何复算阶段得分
  1. 对 score_inputs/<阶段>/ 下每个文件运行 chainjudge score，例如：
       chainjudge score score_inputs/apply/A1.4.json
     输出的 items[].score 是各申报在该指标上的汇总得分（已按细则的小数位数四舍五入），
     与 results/<阶段>.json 中该指标的 points 相同。输入中的 judges、各分数与 raw_scores.csv 一致，
     未评分处为 null（不计入，也不按零分计）。
  2. 某申报某阶段的得分 = 该阶段各专家打分指标的 score 之和
                          + objective_points.csv 中该申报该阶段各客观指标的 points 之和。
     各项已在规定的小数位舍入，相加无需再舍入。
  3. 与 stage_results.csv 的 score 列比较，应完全一致。
  否决项不计分；确认否决的申报仍有得分，但不参与排名、不晋级（stage_results.csv 的 vetoed 列）。
  名次和晋级按细则的同分规则与晋级规则决定，每个申报的理由见 reason 列和 results/<阶段>.json。

如何复算最终得分
  最终得分 = Σ round(阶段权重占比 × 阶段得分)（每项按 final.decimals 位小数四舍五入后相加），
  占比和每一步见 results/final.json 的 stages[].share 与 entries[].steps。

Shell 示例（需要 jq）：
  for f in score_inputs/apply/*.json; do chainjudge score "$f" | jq -r '.items[] | [.id, .score] | @tsv'; done

How to recompute (English): every file under score_inputs/ is a ready-to-run input of ` + "`chainjudge score`" + `.
Its item scores are the criterion points of the frozen result. A dossier's stage score is the sum of its
criterion scores over the stage's expert criteria plus its objective points from objective_points.csv; it
must equal the score column of stage_results.csv. docs/RESULTS.md in the source describes the bundle.
`)
	return b.String()
}
