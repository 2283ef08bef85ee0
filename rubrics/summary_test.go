package rubrics

import (
	"strings"
	"testing"
)

func TestSummary(t *testing.T) {
	r, _ := Default()
	s := r.Summary()
	for _, want := range []string{
		"江苏省区域卓越产业链竞赛评分细则（默认）（版本 2026.1，编号 regional-excellent-chain）",
		"哈希 " + r.Hash(),
		"阶段 1  apply  申报评审 —— 计入总分 30%",
		"一级 6 个，二级 19 个（专家打分 5、专家评等 2、否决项 1、客观计分 11），满分 100",
		"每份 7 名专家，盲评；去掉最高最低分后平均，按评委人数规则 7 人时每端去掉 1 个",
		"晋级：不低于 60 分；前 20 名；末位同分且无法区分时均晋级",
		"晋级：不低于 60 分；每个产业集群至多 3 个；前 12 名",
		"每端去掉 1 个，保留 2 位小数",
		"总分：申报评审 30% + 实地考察 30% + 遴选答辩 40%，保留 2 位小数",
		"入选：不低于 70 分；每个产业集群至多 2 个；前 10 名",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("Summary lacks %q:\n%s", want, s)
		}
	}
	if lines := strings.Count(s, "\n"); lines > 25 {
		t.Errorf("Summary has %d lines; it must fit one screen", lines)
	}
	g := mustLoad(t, "testdata/valid/gate-and-objective.yaml")
	gs := g.Summary()
	for _, want := range []string{"初筛 —— 仅作晋级门槛", "终评 —— 计入总分 100%", "缩尾平均，每端去掉 2 个", "每个设区市至多 2 个", "均不晋级"} {
		if !strings.Contains(gs, want) {
			t.Errorf("Summary lacks %q:\n%s", want, gs)
		}
	}
}
