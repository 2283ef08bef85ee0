package app

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"chainjudge/app/dossier"
	"chainjudge/app/store"
	"chainjudge/rubrics"
)

// dossierCtx is a dossier with everything its pages need around it: the
// competition, the filing stage and its frozen rules, the chain, the areas,
// the parsed content and the attachments.
type dossierCtx struct {
	D       *store.Dossier
	Comp    *store.Competition
	Stage   *store.Stage
	Rules   *rubrics.Stage
	Chain   *store.Chain
	Cluster string
	Core    *store.Region
	Collab  []store.Region
	// Cities are the cities the areas lie in (blind review hides them too).
	Cities  []string
	Content dossier.Content
	Atts    []store.Attachment
}

// parsedRubrics caches parsed rubrics by hash: a frozen rubric never
// changes, so parsing it once per process is enough.
var parsedRubrics sync.Map // hash → *rubrics.Rubric

// frozenRubric returns the parsed rubric a stage froze when it opened, or
// the competition's current rubric for a stage not opened yet.
func (s *Server) frozenRubric(ctx context.Context, comp *store.Competition, st *store.Stage) (*rubrics.Rubric, error) {
	return frozenRubric(ctx, s.store, comp, st)
}

// frozenRubric is Server.frozenRubric on a store.
func frozenRubric(ctx context.Context, db *store.Store, comp *store.Competition, st *store.Stage) (*rubrics.Rubric, error) {
	hash, text := st.RubricHash, ""
	if hash == "" {
		hash, text = comp.RubricHash, comp.RubricYAML
	}
	if text == "" {
		return snapshotRubric(ctx, db, hash)
	}
	if r, ok := parsedRubrics.Load(hash); ok {
		return r.(*rubrics.Rubric), nil
	}
	r, err := rubrics.Parse("rubric.yaml", []byte(text))
	if err != nil {
		return nil, fmt.Errorf("stored rubric %s does not parse: %w", hash, err)
	}
	if r.Hash() == hash {
		parsedRubrics.Store(hash, r)
	}
	return r, nil
}

// snapshotRubric returns the parsed rubric snapshot with the hash.
func snapshotRubric(ctx context.Context, db *store.Store, hash string) (*rubrics.Rubric, error) {
	if r, ok := parsedRubrics.Load(hash); ok {
		return r.(*rubrics.Rubric), nil
	}
	snap, err := db.FindRubricSnapshot(ctx, hash)
	if err != nil {
		return nil, fmt.Errorf("rubric snapshot %s: %w", hash, err)
	}
	r, err := rubrics.Parse("rubric.yaml", []byte(snap.YAML))
	if err != nil {
		return nil, fmt.Errorf("stored rubric %s does not parse: %w", hash, err)
	}
	if r.Hash() == hash {
		parsedRubrics.Store(hash, r)
	}
	return r, nil
}

// loadDossierCtx loads what the dossier's pages show.
func (s *Server) loadDossierCtx(ctx context.Context, d *store.Dossier) (*dossierCtx, error) {
	return loadDossierCtx(ctx, s.store, d)
}

// loadDossierCtx is Server.loadDossierCtx on a store, for the command line.
func loadDossierCtx(ctx context.Context, db *store.Store, d *store.Dossier) (*dossierCtx, error) {
	dc := &dossierCtx{D: d}
	var err error
	if dc.Comp, err = db.FindCompetitionByID(ctx, d.CompetitionID); err != nil {
		return nil, err
	}
	if dc.Stage, err = db.FilingStage(ctx, d.CompetitionID); err != nil {
		return nil, err
	}
	r, err := frozenRubric(ctx, db, dc.Comp, dc.Stage)
	if err != nil {
		return nil, err
	}
	if dc.Rules = r.Stage(dc.Stage.Key); dc.Rules == nil {
		return nil, fmt.Errorf("rubric has no stage %q", dc.Stage.Key)
	}
	if dc.Chain, err = db.FindChainByID(ctx, d.ChainID); err != nil {
		return nil, err
	}
	clusters, err := db.FindClusters(ctx)
	if err != nil {
		return nil, err
	}
	for _, cl := range clusters {
		if cl.ID == dc.Chain.ClusterID {
			dc.Cluster = cl.Name
		}
	}
	if err := loadDossierAreas(ctx, db, dc); err != nil {
		return nil, err
	}
	if dc.Content, err = dossier.Parse(d.Content); err != nil {
		return nil, err
	}
	if dc.Atts, err = db.FindAttachments(ctx, d.ID); err != nil {
		return nil, err
	}
	return dc, nil
}

func loadDossierAreas(ctx context.Context, db *store.Store, dc *dossierCtx) error {
	areas, err := db.DossierAreas(ctx, []int64{dc.D.ID})
	if err != nil {
		return err
	}
	ids := []int64{}
	for _, a := range areas[dc.D.ID] {
		ids = append(ids, a.RegionID)
	}
	regions, err := db.RegionsByID(ctx, ids)
	if err != nil {
		return err
	}
	var cityIDs []int64
	for _, a := range areas[dc.D.ID] {
		r, ok := regions[a.RegionID]
		if !ok {
			continue
		}
		if a.Role == store.AreaCore {
			dc.Core = r
		} else {
			dc.Collab = append(dc.Collab, *r)
		}
		if r.CityID() != r.ID {
			cityIDs = append(cityIDs, r.CityID())
		}
	}
	if dc.Core == nil {
		if dc.Core, err = db.FindRegionByID(ctx, dc.D.RegionID); err != nil {
			return err
		}
	}
	cities, err := db.RegionsByID(ctx, cityIDs)
	if err != nil {
		return err
	}
	for _, id := range cityIDs {
		if c, ok := cities[id]; ok {
			dc.Cities = append(dc.Cities, c.Name)
		}
	}
	return nil
}

// CollabIDs lists the collaborative areas' ids.
func (dc *dossierCtx) CollabIDs() []int64 {
	out := make([]int64, len(dc.Collab))
	for i, r := range dc.Collab {
		out[i] = r.ID
	}
	return out
}

// CollabNames lists the collaborative areas' names.
func (dc *dossierCtx) CollabNames() []string {
	out := make([]string, len(dc.Collab))
	for i, r := range dc.Collab {
		out[i] = r.Name
	}
	return out
}

// attachmentRefs turns stored attachments into the dossier package's refs.
func attachmentRefs(atts []store.Attachment) []dossier.AttachmentRef {
	out := make([]dossier.AttachmentRef, len(atts))
	for i, a := range atts {
		out[i] = dossier.AttachmentRef{ID: a.ID, Requirement: a.Requirement, Name: a.FileName,
			Kind: rubrics.FileKind(a.Kind), Size: a.Size, SHA256: a.SHA256}
	}
	return out
}

// submission is what the content hash covers for the dossier as stored.
func (dc *dossierCtx) submission() dossier.Submission {
	return dossier.Submission{Competition: dc.D.CompetitionID, Chain: dc.D.ChainID, CoreRegion: dc.D.RegionID,
		CollabRegions: dc.CollabIDs(), Title: dc.D.Title, Content: dc.Content, Attachments: attachmentRefs(dc.Atts)}
}

// View builds the reading view of the dossier's filing content. With masked
// set it is the blind-review view; attachmentBase (e.g.
// "/office/dossiers/7/attachments/") makes file names download links.
func (dc *dossierCtx) View(masked bool, attachmentBase string) dossier.View {
	meta := dossier.Meta{ID: dc.D.ID, Number: dc.D.NumberString(), Title: dc.D.Title, Chain: dc.Chain.Name,
		Cluster: dc.Cluster, Core: dc.Core.Name, Collab: dc.CollabNames(), HideTerms: dc.Cities,
		AttachmentBase: attachmentBase}
	v := dossier.BuildView(meta, dc.Content, dc.Rules, attachmentRefs(dc.Atts))
	if masked {
		v = dossier.Masked(v)
	}
	return v
}

// dossierPath is the applicant's page of a dossier, plus an optional suffix.
func dossierPath(id int64, suffix string) string {
	return "/applicant/dossiers/" + strconv.FormatInt(id, 10) + suffix
}

// officeDossierPath is the office's page of a dossier, plus a suffix.
func officeDossierPath(id int64, suffix string) string {
	return "/office/dossiers/" + strconv.FormatInt(id, 10) + suffix
}
