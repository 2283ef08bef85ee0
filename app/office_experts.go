package app

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

// fieldIndex resolves cluster and chain names to expertise fields.
type fieldIndex struct {
	clusters map[string]int64
	chains   map[string]store.Chain
}

func (s *Server) expertFieldIndex(ctx context.Context) (*fieldIndex, error) {
	clusters, err := s.store.FindClusters(ctx)
	if err != nil {
		return nil, err
	}
	chains, err := s.store.FindChains(ctx, store.ChainFilter{})
	if err != nil {
		return nil, err
	}
	fi := &fieldIndex{clusters: map[string]int64{}, chains: map[string]store.Chain{}}
	for _, cl := range clusters {
		fi.clusters[cl.Name] = cl.ID
	}
	for _, ch := range chains {
		fi.chains[ch.Name] = ch
	}
	return fi, nil
}

// parse reads "集成电路、生物医药；工程机械" into fields, returning names it
// does not know.
func (fi *fieldIndex) parse(text string) (fields []store.ExpertField, unknown []string) {
	split := strings.FieldsFunc(text, func(r rune) bool {
		return r == '、' || r == ';' || r == '；' || r == ',' || r == '，' || r == '/' || r == '|'
	})
	for _, name := range split {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if ch, ok := fi.chains[name]; ok {
			id := ch.ID
			fields = append(fields, store.ExpertField{ClusterID: ch.ClusterID, ChainID: &id})
		} else if id, ok := fi.clusters[name]; ok {
			fields = append(fields, store.ExpertField{ClusterID: id})
		} else {
			unknown = append(unknown, name)
		}
	}
	return fields, unknown
}

type expertsListPage struct {
	Experts  []store.ExpertProfile
	Regions  map[int64]*store.Region
	Clusters map[int64]string
	Chains   map[int64]string
}

func (s *Server) handleExpertsList(c echo.Context) error {
	ctx := c.Request().Context()
	profiles, err := s.store.FindExpertProfiles(ctx)
	if err != nil {
		return err
	}
	var regionIDs []int64
	for _, p := range profiles {
		if p.Expert.HomeRegionID != nil {
			regionIDs = append(regionIDs, *p.Expert.HomeRegionID)
		}
	}
	regions, err := s.store.RegionsByID(ctx, regionIDs)
	if err != nil {
		return err
	}
	clusterNames, chainNames, err := s.catalogNames(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "office_experts.html", "专家库",
		expertsListPage{Experts: profiles, Regions: regions, Clusters: clusterNames, Chains: chainNames})
}

// catalogNames maps cluster and chain ids to names.
func (s *Server) catalogNames(c echo.Context) (map[int64]string, map[int64]string, error) {
	ctx := c.Request().Context()
	clusters, err := s.store.FindClusters(ctx)
	if err != nil {
		return nil, nil, err
	}
	chains, err := s.store.FindChains(ctx, store.ChainFilter{})
	if err != nil {
		return nil, nil, err
	}
	cl := make(map[int64]string, len(clusters))
	for _, x := range clusters {
		cl[x.ID] = x.Name
	}
	ch := make(map[int64]string, len(chains))
	for _, x := range chains {
		ch[x.ID] = x.Name
	}
	return cl, ch, nil
}

type expertEditPage struct {
	Profile  store.ExpertProfile
	Regions  []store.Region
	Clusters []store.Cluster
	Chains   []store.Chain
	Selected map[string]bool // "cluster:ID" or "chain:ID"
	Errors   FieldErrors
}

func (s *Server) handleExpertEditPage(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	p, err := s.store.FindExpertProfile(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return s.expertEditPage(c, http.StatusOK, expertEditPage{Profile: *p})
}

func (s *Server) expertEditPage(c echo.Context, status int, p expertEditPage) error {
	ctx := c.Request().Context()
	var err error
	if p.Regions, err = s.store.FindRegions(ctx, store.RegionFilter{}); err != nil {
		return err
	}
	if p.Clusters, err = s.store.FindClusters(ctx); err != nil {
		return err
	}
	if p.Chains, err = s.store.FindChains(ctx, store.ChainFilter{}); err != nil {
		return err
	}
	if p.Selected == nil {
		p.Selected = map[string]bool{}
		for _, f := range p.Profile.Fields {
			if f.ChainID != nil {
				p.Selected["chain:"+strconv.FormatInt(*f.ChainID, 10)] = true
			} else {
				p.Selected["cluster:"+strconv.FormatInt(f.ClusterID, 10)] = true
			}
		}
	}
	return s.render(c, status, "office_expert_edit.html", "编辑专家信息", p)
}

func (s *Server) handleExpertUpdate(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	p, err := s.store.FindExpertProfile(ctx, id)
	if err != nil {
		return err
	}
	homeID, ok := formInt64(c, "home_region_id")
	errs := FieldErrors{}
	if !ok {
		errs.Add("home_region_id", "常住地区选择有误")
	} else if homeID != 0 {
		if _, err := s.store.FindRegionByID(ctx, homeID); err != nil {
			errs.Add("home_region_id", "所选常住地区不存在")
		}
	}
	org := trimmed(c, "organisation")
	if org == "" {
		errs.Add("organisation", "请填写工作单位（用于同单位回避和抽取限额）")
	}
	if err := c.Request().ParseForm(); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "表单无法解析")
	}
	chains, err := s.store.FindChains(ctx, store.ChainFilter{})
	if err != nil {
		return err
	}
	chainByID := map[int64]store.Chain{}
	for _, ch := range chains {
		chainByID[ch.ID] = ch
	}
	var fields []store.ExpertField
	selected := map[string]bool{}
	for _, v := range c.Request().Form["field"] {
		kind, idText, _ := strings.Cut(v, ":")
		fid, err := strconv.ParseInt(idText, 10, 64)
		if err != nil {
			errs.Add("field", "专业领域选择有误")
			continue
		}
		selected[v] = true
		switch kind {
		case "cluster":
			fields = append(fields, store.ExpertField{ClusterID: fid})
		case "chain":
			ch, ok := chainByID[fid]
			if !ok {
				errs.Add("field", "专业领域选择有误")
				continue
			}
			chainID := ch.ID
			fields = append(fields, store.ExpertField{ClusterID: ch.ClusterID, ChainID: &chainID})
		default:
			errs.Add("field", "专业领域选择有误")
		}
	}
	e := store.Expert{UserID: id, Organisation: org, Title: trimmed(c, "title"), HomeRegionID: optionalID(homeID),
		Note: trimmed(c, "note"), Enabled: c.FormValue("enabled") == "on"}
	if errs.Any() {
		p.Expert = e
		return s.expertEditPage(c, http.StatusUnprocessableEntity, expertEditPage{Profile: *p, Selected: selected, Errors: errs})
	}
	if err := s.store.SaveExpert(ctx, store.UserActor(currentUser(c)), e, fields); err != nil {
		return err
	}
	return redirectWith(c, "/office/experts", "", "专家“"+p.User.DisplayName+"”的信息已保存。")
}
