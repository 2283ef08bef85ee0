package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"chainjudge/app/dossier"
	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

// Limits of the dossier's own fields (the content has its own in package
// dossier).
const (
	maxDossierTitleChars = 200
	maxCollabAreas       = 50
	maxReasonChars       = 2000
)

// errNoRegion refuses dossier actions to an applicant account not bound to
// a region.
var errNoRegion = echo.NewHTTPError(http.StatusForbidden, "您的账号尚未绑定申报地区，请联系领导小组办公室")

// applicantDossier loads the dossier named in the URL when it belongs to the
// applicant's region. Any other dossier is 404, so the page does not tell
// whether it exists.
func (s *Server) applicantDossier(c echo.Context) (*dossierCtx, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return nil, err
	}
	u := currentUser(c)
	if u.RegionID == nil {
		return nil, errNotFound
	}
	ctx := c.Request().Context()
	d, err := s.store.FindDossierByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if d.RegionID != *u.RegionID {
		return nil, errNotFound
	}
	return s.loadDossierCtx(ctx, d)
}

// regionGroup is one city with its counties and zones, for the
// collaborative-area picker.
type regionGroup struct {
	City    store.Region
	Regions []store.Region
	Open    bool
}

// regionGroups lists the active regions by city, without the core region.
func (s *Server) regionGroups(ctx context.Context, core int64, selected map[int64]bool) ([]regionGroup, error) {
	active := true
	regions, err := s.store.FindRegions(ctx, store.RegionFilter{Active: &active})
	if err != nil {
		return nil, err
	}
	var groups []regionGroup
	index := map[int64]int{}
	for _, r := range regions {
		if r.Kind == store.RegionCity {
			index[r.ID] = len(groups)
			groups = append(groups, regionGroup{City: r})
		}
	}
	for _, r := range regions {
		i, ok := index[r.CityID()]
		if !ok || r.ID == core {
			continue
		}
		groups[i].Regions = append(groups[i].Regions, r)
		groups[i].Open = groups[i].Open || selected[r.ID]
	}
	return groups, nil
}

// checkCollab checks the chosen collaborative areas: active regions other
// than the core, at most maxCollabAreas.
func (s *Server) checkCollab(ctx context.Context, core int64, ids []int64, errs FieldErrors) error {
	if len(ids) > maxCollabAreas {
		errs.Add("collab", fmt.Sprintf("协同区最多 %d 个", maxCollabAreas))
		return nil
	}
	regions, err := s.store.RegionsByID(ctx, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if r, ok := regions[id]; !ok || !r.Active || id == core {
			errs.Add("collab", "协同区选择有误，请从列表中选择本地区以外的地区")
		}
	}
	return nil
}

// newDossierForm is the form that starts a dossier.
type newDossierForm struct {
	CompetitionID int64
	ChainID       int64
	Title         string
	Collab        map[int64]bool
}

type chainChoice struct {
	Chain   store.Chain
	Cluster string
	// Filed is the region's existing dossier for the chain (0 when none).
	Filed int64
}

type dossierNewPage struct {
	Competition store.Competition
	Stage       store.Stage
	Region      store.Region
	Chains      []chainChoice
	Groups      []regionGroup
	Form        newDossierForm
	Errors      FieldErrors
}

// openFiling returns the competition and its filing stage when the stage
// accepts dossiers now; otherwise a conflict with the reason.
func (s *Server) openFiling(ctx context.Context, compID int64) (*store.Competition, *store.Stage, error) {
	comp, err := s.store.FindCompetitionByID(ctx, compID)
	if err != nil {
		return nil, nil, err
	}
	st, err := s.store.FilingStage(ctx, comp.ID)
	if err != nil {
		return nil, nil, err
	}
	if !st.AcceptsAt(s.now()) {
		return nil, nil, fmt.Errorf("“%s”目前不在申报时间内: %w", comp.Name, store.ErrConflict)
	}
	return comp, st, nil
}

func (s *Server) dossierNewPage(c echo.Context, status int, p dossierNewPage) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	region, err := s.store.FindRegionByID(ctx, *u.RegionID)
	if err != nil {
		return err
	}
	p.Region = *region
	ids, err := s.store.CompetitionChainIDs(ctx, p.Competition.ID)
	if err != nil {
		return err
	}
	chains, err := s.store.FindChains(ctx, store.ChainFilter{IDs: ids})
	if err != nil {
		return err
	}
	clusters, err := s.store.FindClusters(ctx)
	if err != nil {
		return err
	}
	clusterName := map[int64]string{}
	for _, cl := range clusters {
		clusterName[cl.ID] = cl.Name
	}
	mine, err := s.store.FindDossiers(ctx, store.DossierFilter{CompetitionID: p.Competition.ID, RegionID: region.ID})
	if err != nil {
		return err
	}
	filed := map[int64]int64{}
	for _, d := range mine {
		filed[d.ChainID] = d.ID
	}
	for _, ch := range chains {
		p.Chains = append(p.Chains, chainChoice{Chain: ch, Cluster: clusterName[ch.ClusterID], Filed: filed[ch.ID]})
	}
	if p.Form.Collab == nil {
		p.Form.Collab = map[int64]bool{}
	}
	if p.Groups, err = s.regionGroups(ctx, region.ID, p.Form.Collab); err != nil {
		return err
	}
	return s.render(c, status, "applicant_dossier_new.html", "新建申报书", p)
}

// handleDossierNewPage shows the form that starts a dossier for one chain
// of an open competition.
func (s *Server) handleDossierNewPage(c echo.Context) error {
	if currentUser(c).RegionID == nil {
		return errNoRegion
	}
	compID, ok := formInt64(c, "competition")
	if !ok || compID == 0 {
		return errNotFound
	}
	comp, st, err := s.openFiling(c.Request().Context(), compID)
	if err != nil {
		return err
	}
	chainID, _ := formInt64(c, "chain")
	return s.dossierNewPage(c, http.StatusOK, dossierNewPage{Competition: *comp, Stage: *st,
		Form: newDossierForm{CompetitionID: comp.ID, ChainID: chainID}})
}

// handleDossierCreate starts a draft dossier: one per region, chain and
// competition.
func (s *Server) handleDossierCreate(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	if u.RegionID == nil {
		return errNoRegion
	}
	compID, ok := formInt64(c, "competition")
	if !ok || compID == 0 {
		return errNotFound
	}
	comp, st, err := s.openFiling(ctx, compID)
	if err != nil {
		return err
	}
	errs := FieldErrors{}
	f := newDossierForm{CompetitionID: comp.ID, Title: trimmed(c, "title"), Collab: map[int64]bool{}}
	f.ChainID, _ = formInt64(c, "chain")
	collab, ok := formInt64s(c, "collab")
	if !ok {
		errs.Add("collab", "协同区选择有误")
	}
	for _, id := range collab {
		f.Collab[id] = true
	}
	if err := s.checkCollab(ctx, *u.RegionID, collab, errs); err != nil {
		return err
	}
	scope, err := s.store.CompetitionChainIDs(ctx, comp.ID)
	if err != nil {
		return err
	}
	var chain *store.Chain
	for _, id := range scope {
		if id == f.ChainID {
			if chain, err = s.store.FindChainByID(ctx, id); err != nil {
				return err
			}
		}
	}
	if chain == nil {
		errs.Add("chain", "请选择本次竞赛范围内的一条产业链")
	}
	if utf8.RuneCountInString(f.Title) > maxDossierTitleChars {
		errs.Add("title", fmt.Sprintf("标题不能超过 %d 字", maxDossierTitleChars))
	}
	page := dossierNewPage{Competition: *comp, Stage: *st, Form: f}
	if errs.Any() {
		page.Errors = errs
		return s.formError(c, errs, func() error { return s.dossierNewPage(c, http.StatusUnprocessableEntity, page) })
	}
	region, err := s.store.FindRegionByID(ctx, *u.RegionID)
	if err != nil {
		return err
	}
	if f.Title == "" {
		f.Title = defaultDossierTitle(region.Name, chain.Name)
	}
	d, err := s.store.CreateDossier(ctx, store.UserActor(u), store.NewDossier{CompetitionID: comp.ID, ChainID: chain.ID,
		RegionID: region.ID, CreatedBy: u.ID, Title: f.Title, Content: dossier.Content{}.JSON(), CollabRegionIDs: collab})
	if errors.Is(err, store.ErrDuplicate) {
		page.Errors = FieldErrors{"chain": "本地区在本次竞赛中已申报“" + chain.Name + "”产业链，每条产业链只能申报一份；请在“我的申报”中继续填写"}
		return s.formError(c, page.Errors, func() error { return s.dossierNewPage(c, http.StatusConflict, page) })
	}
	if err != nil {
		return err
	}
	return redirectWith(c, dossierPath(d.ID, "/edit"), "", "申报书已创建。请按要求填写，内容会自动保存为草稿。")
}

// defaultDossierTitle names a dossier after its region and chain.
func defaultDossierTitle(region, chain string) string {
	if strings.HasSuffix(chain, "产业链") {
		return region + chain
	}
	return region + chain + "产业链"
}

// formError answers a form with errors: JSON 422 with the field paths for
// API-style requests, the re-rendered page otherwise.
func (s *Server) formError(c echo.Context, errs FieldErrors, page func() error) error {
	if wantsJSON(c) || isAPI(c) {
		return errs
	}
	return page()
}

// applicantDossierPage is the applicant's overview of one dossier.
type applicantDossierPage struct {
	Ctx          *dossierCtx
	View         dossier.View
	Reviews      []store.FormalReview
	Editable     bool
	EditBlocked  string
	Withdrawable bool
	Reopenable   bool
	Deadline     string
	Errors       FieldErrors
	Reason       string
}

func (s *Server) applicantDossierPage(c echo.Context, status int, dc *dossierCtx, p applicantDossierPage) error {
	reviews, err := s.store.FindFormalReviews(c.Request().Context(), dc.D.ID)
	if err != nil {
		return err
	}
	now := s.now()
	p.Ctx, p.Reviews = dc, reviews
	p.View = dc.View(false, dossierPath(dc.D.ID, "/attachments/"))
	if err := dc.D.EditableAt(dc.Stage, now); err != nil {
		p.EditBlocked = conflictMessage(err)
	} else {
		p.Editable = true
	}
	p.Withdrawable = dc.D.WithdrawableAt(dc.Stage, now) == nil
	p.Reopenable = dc.D.ReopenableAt(dc.Stage, now) == nil
	return s.render(c, status, "applicant_dossier.html", dc.D.Title, p)
}

// handleApplicantDossierShow shows one of the region's dossiers: status,
// decisions with reasons, what can be done now, and the content.
func (s *Server) handleApplicantDossierShow(c echo.Context) error {
	dc, err := s.applicantDossier(c)
	if err != nil {
		return err
	}
	return s.applicantDossierPage(c, http.StatusOK, dc, applicantDossierPage{})
}
