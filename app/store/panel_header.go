package store

import "context"

// drawHeaderColumns are a draw's columns without its recorded input and
// result, the large JSON columns (tens of kilobytes for a provincial pool).
// Naming them is cheaper for gorm than omitting the others.
const drawHeaderColumns = "id, stage_id, cluster_id, scope_label, seed, algorithm, input_hash, members, alternates, " +
	"per_dossier, sealed, status, void_reason, created_by, created_at, unsealed_at, voided_at, version"

// FindDrawHeader returns a draw without its recorded input and result, for
// the checks made on every request of an expert, such as whether the draw
// stands and is visible (VisibleToExperts).
func (s *Store) FindDrawHeader(ctx context.Context, id int64) (*PanelDraw, error) {
	var d PanelDraw
	if err := s.conn(ctx).Select(drawHeaderColumns).Where("id = ?", id).Take(&d).Error; err != nil {
		return nil, translate(err)
	}
	return &d, nil
}
