package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"chainjudge/app/results"
)

// StageResultRecord is a stage's frozen result: the computed results as
// JSON, the rubric hash they were computed under and the hash of the JSON.
// The database refuses to change or delete it.
type StageResultRecord struct {
	ID            int64
	StageID       int64
	CompetitionID int64
	RubricHash    string
	ResultJSON    string
	ResultHash    string
	Severity      bool
	Advancing     int
	FrozenBy      *int64
	FrozenByName  string
	FrozenAt      time.Time
}

// TableName binds StageResultRecord to its table.
func (StageResultRecord) TableName() string { return "stage_results" }

// Result decodes the frozen result.
func (r *StageResultRecord) Result() (*results.StageResult, error) {
	var out results.StageResult
	if err := json.Unmarshal([]byte(r.ResultJSON), &out); err != nil {
		return nil, fmt.Errorf("decode frozen result of stage %d: %w", r.StageID, err)
	}
	return &out, nil
}

// FindStageResult returns a stage's frozen result, or ErrNotFound while the
// stage is not frozen.
func (s *Store) FindStageResult(ctx context.Context, stageID int64) (*StageResultRecord, error) {
	var r StageResultRecord
	if err := s.conn(ctx).Where("stage_id = ?", stageID).First(&r).Error; err != nil {
		return nil, translate(err)
	}
	return &r, nil
}

// FindStageResults lists a competition's frozen stage results by stage id.
func (s *Store) FindStageResults(ctx context.Context, compID int64) (map[int64]*StageResultRecord, error) {
	var rows []StageResultRecord
	if err := s.conn(ctx).Where("competition_id = ?", compID).Order("stage_id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("stage results: %w", err)
	}
	out := make(map[int64]*StageResultRecord, len(rows))
	for i := range rows {
		out[rows[i].StageID] = &rows[i]
	}
	return out, nil
}

// StageResultFrozen reports whether a stage's results are frozen.
func (s *Store) StageResultFrozen(ctx context.Context, stageID int64) (bool, error) {
	var n int64
	if err := s.conn(ctx).Model(&StageResultRecord{}).Where("stage_id = ?", stageID).Count(&n).Error; err != nil {
		return false, fmt.Errorf("stage result: %w", err)
	}
	return n > 0, nil
}

// FreezeRequest asks to freeze a stage's results.
type FreezeRequest struct {
	StageID int64
	// Severity also records the severity correction beside the raw result.
	Severity bool
	// SeenHash is the hash of the preview the office confirmed (ResultHash
	// of ComputeStageResult); when the result computed now differs, the
	// freeze is refused so nothing is frozen that nobody saw.
	SeenHash string
	Reason   string
}

// HashResult is the SHA-256 of a result's JSON, the identity of what was
// shown and frozen.
func HashResult(r *results.StageResult) (string, string, error) {
	data, err := json.Marshal(r)
	if err != nil {
		return "", "", fmt.Errorf("encode result: %w", err)
	}
	sum := sha256.Sum256(data)
	return string(data), "sha256:" + hex.EncodeToString(sum[:]), nil
}

// ComputeStageResult computes a stage's results from the current data
// (without freezing them), with the hash a freeze must confirm.
func (s *Store) ComputeStageResult(ctx context.Context, st *Stage, severity bool) (*results.StageResult, string, error) {
	in, err := s.LoadStageInput(ctx, st, severity)
	if err != nil {
		return nil, "", err
	}
	res, err := results.ComputeStage(in)
	if err != nil {
		return nil, "", fmt.Errorf("compute stage %d: %w", st.ID, err)
	}
	_, hash, err := HashResult(res)
	return res, hash, err
}

// FreezeStageResult computes a closed stage's results from the data in the
// database and freezes them in one transaction: the result JSON and its hash
// are stored with the rubric hash (and can never change), and the dossiers
// that advance are entered in the next stage. It refuses while experts still
// owe reasons for 畸高/畸低 scores, while any dossier that is not vetoed lacks
// a score or a verified indicator, and when the result differs from the one
// the office saw (SeenHash).
func (s *Store) FreezeStageResult(ctx context.Context, actor Actor, req FreezeRequest) (*StageResultRecord, error) {
	var out *StageResultRecord
	err := s.Tx(ctx, func(tx *Store) error {
		st, err := tx.FindStageByID(ctx, req.StageID)
		if err != nil {
			return err
		}
		if st.Status != StageClosed {
			return fmt.Errorf("阶段“%s”尚未关闭，关闭后才能冻结结果: %w", st.Name, ErrConflict)
		}
		if _, err := tx.FindStageResult(ctx, st.ID); err == nil {
			return fmt.Errorf("阶段“%s”的结果已冻结，不能再次冻结: %w", st.Name, ErrConflict)
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		open, err := tx.FindFlags(ctx, FlagFilter{StageID: st.ID, Statuses: []FlagStatus{FlagOpen}})
		if err != nil {
			return err
		}
		if len(open) > 0 {
			return fmt.Errorf("还有 %d 处畸高/畸低评分等待专家说明理由，不能冻结结果: %w", len(open), ErrConflict)
		}
		res, hash, err := tx.ComputeStageResult(ctx, st, req.Severity)
		if err != nil {
			return err
		}
		if problems := IncompleteDossiers(res); len(problems) > 0 {
			return fmt.Errorf("以下申报的评分或客观指标核实尚不完整，不能冻结结果：%s: %w", strings.Join(problems, "；"), ErrConflict)
		}
		if req.SeenHash != hash {
			return fmt.Errorf("结果在您查看之后发生了变化，请重新核对后再冻结: %w", ErrConflict)
		}
		data, _, err := HashResult(res)
		if err != nil {
			return err
		}
		rec := StageResultRecord{StageID: st.ID, CompetitionID: st.CompetitionID, RubricHash: st.RubricHash,
			ResultJSON: data, ResultHash: hash, Severity: req.Severity, FrozenBy: actor.UserID,
			FrozenByName: actorName(actor), FrozenAt: tx.Now()}
		if res.Advancement != nil {
			rec.Advancing = res.Advancement.Advancing
		}
		if err := tx.conn(ctx).Create(&rec).Error; err != nil {
			return fmt.Errorf("freeze stage result: %w", translate(err))
		}
		if err := tx.enterAdvancing(ctx, actor, st, res); err != nil {
			return err
		}
		out = &rec
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "result.freeze", Entity: "stage", EntityID: st.ID,
			After: map[string]any{"rubric_hash": st.RubricHash, "result_hash": hash, "dossiers": len(res.Dossiers),
				"advancing": res.Advancing(), "severity": req.Severity}, Reason: req.Reason})
	})
	return out, err
}

// enterAdvancing enters the advancing dossiers in the next stage, one audit
// entry each with the reason.
func (s *Store) enterAdvancing(ctx context.Context, actor Actor, st *Stage, res *results.StageResult) error {
	if res.Advancement == nil || res.Advancement.Next == "" {
		return nil
	}
	stages, err := s.FindStages(ctx, st.CompetitionID)
	if err != nil {
		return err
	}
	var next *Stage
	for i := range stages {
		if stages[i].Key == res.Advancement.Next {
			next = &stages[i]
		}
	}
	if next == nil {
		return fmt.Errorf("下一阶段“%s”不存在: %w", res.Advancement.NextName, ErrConflict)
	}
	for _, d := range res.Dossiers {
		if !d.Advances {
			continue
		}
		if err := s.AddStageEntry(ctx, next.ID, d.ID, EntryAdvancement); err != nil {
			return fmt.Errorf("enter dossier %d in stage %s: %w", d.ID, next.Key, err)
		}
		if err := s.Audit(ctx, AuditRecord{Actor: actor, Action: "dossier.advance", Entity: "dossier", EntityID: d.ID,
			After:  map[string]any{"from_stage": st.ID, "to_stage": next.ID, "score": d.Score, "rank": d.Rank},
			Reason: d.AdvanceReason}); err != nil {
			return err
		}
	}
	return nil
}

// IncompleteDossiers lists, in Chinese, the dossiers of a result that are
// neither vetoed nor complete, with what they lack.
func IncompleteDossiers(r *results.StageResult) []string {
	var out []string
	for _, d := range r.Dossiers {
		if !d.Vetoed && !d.Score.Valid {
			out = append(out, d.Key+" 缺少 "+strings.Join(d.Unscored, "、"))
		}
	}
	return out
}

// actorName is the recorded name of an actor.
func actorName(a Actor) string {
	if a.Name == "" {
		return "系统"
	}
	return a.Name
}
