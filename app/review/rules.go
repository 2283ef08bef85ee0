package review

import (
	"context"
	"fmt"

	"chainjudge/app/store"
	"chainjudge/rubrics"
)

// StageRules returns the frozen rubric stage a stage is scored on. A stage
// that never opened has no frozen rubric: it cannot be reviewed yet.
func StageRules(ctx context.Context, st *store.Store, stage *store.Stage) (*rubrics.Stage, error) {
	if stage.RubricHash == "" {
		return nil, fmt.Errorf("阶段“%s”尚未开启，评分细则未冻结: %w", stage.Name, store.ErrConflict)
	}
	snap, err := st.FindRubricSnapshot(ctx, stage.RubricHash)
	if err != nil {
		return nil, fmt.Errorf("rubric snapshot %s of stage %d: %w", stage.RubricHash, stage.ID, err)
	}
	r, err := rubrics.Parse("snapshot.yaml", []byte(snap.YAML))
	if err != nil {
		return nil, fmt.Errorf("frozen rubric %s does not parse: %w", stage.RubricHash, err)
	}
	rs := r.Stage(stage.Key)
	if rs == nil {
		return nil, fmt.Errorf("frozen rubric %s has no stage %q", stage.RubricHash, stage.Key)
	}
	return rs, nil
}
