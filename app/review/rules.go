package review

import (
	"context"
	"fmt"
	"sync"

	"chainjudge/app/store"
	"chainjudge/rubrics"
)

// frozen caches parsed frozen rubrics by hash: a snapshot never changes, so
// parsing it once per process is enough (every score save needs the rules).
var frozen sync.Map // hash → *rubrics.Rubric

// StageRules returns the frozen rubric stage a stage is scored on. A stage
// that never opened has no frozen rubric: it cannot be reviewed yet. The
// result is shared by every caller and must not be changed.
func StageRules(ctx context.Context, st *store.Store, stage *store.Stage) (*rubrics.Stage, error) {
	if stage.RubricHash == "" {
		return nil, fmt.Errorf("阶段“%s”尚未开启，评分细则未冻结: %w", stage.Name, store.ErrConflict)
	}
	var r *rubrics.Rubric
	if v, ok := frozen.Load(stage.RubricHash); ok {
		r = v.(*rubrics.Rubric)
	} else {
		snap, err := st.FindRubricSnapshot(ctx, stage.RubricHash)
		if err != nil {
			return nil, fmt.Errorf("rubric snapshot %s of stage %d: %w", stage.RubricHash, stage.ID, err)
		}
		if r, err = rubrics.Parse("snapshot.yaml", []byte(snap.YAML)); err != nil {
			return nil, fmt.Errorf("frozen rubric %s does not parse: %w", stage.RubricHash, err)
		}
		if r.Hash() == stage.RubricHash {
			frozen.Store(stage.RubricHash, r)
		}
	}
	rs := r.Stage(stage.Key)
	if rs == nil {
		return nil, fmt.Errorf("frozen rubric %s has no stage %q", stage.RubricHash, stage.Key)
	}
	return rs, nil
}
