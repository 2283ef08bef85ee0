package store

import "context"

// Participation is one region named in one dossier of a competition.
type Participation struct {
	DossierID    int64
	ChainID      int64
	RegionID     int64
	CoreRegionID int64
	Role         AreaRole
	Status       DossierStatus
}

// FindParticipations lists every region named in the competition's
// dossiers (core and collaborative), leaving out dossiers in the excluded
// statuses, ordered by region and dossier.
func (s *Store) FindParticipations(ctx context.Context, compID int64, exclude ...DossierStatus) ([]Participation, error) {
	q := s.conn(ctx).Table("dossier_areas").
		Select("dossier_areas.dossier_id, dossiers.chain_id, dossier_areas.region_id, "+
			"dossiers.region_id AS core_region_id, dossier_areas.role, dossiers.status").
		Joins("JOIN dossiers ON dossiers.id = dossier_areas.dossier_id").
		Where("dossiers.competition_id = ?", compID)
	if len(exclude) > 0 {
		q = q.Where("dossiers.status NOT IN ?", exclude)
	}
	var out []Participation
	err := q.Order("dossier_areas.region_id, dossier_areas.dossier_id").Scan(&out).Error
	return out, err
}
