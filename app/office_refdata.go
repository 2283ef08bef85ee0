package app

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

type regionsPage struct {
	Cities  []store.Region
	ByCity  map[int64][]store.Region
	Query   string
	Kinds   []store.RegionKind
	Errors  FieldErrors
	Form    store.Region
	Matches []store.Region // search results when Query is set
}

func (s *Server) regionsPage(c echo.Context, status int, p regionsPage) error {
	ctx := c.Request().Context()
	all, err := s.store.FindRegions(ctx, store.RegionFilter{})
	if err != nil {
		return err
	}
	p.ByCity = map[int64][]store.Region{}
	for _, r := range all {
		if r.Kind == store.RegionCity {
			p.Cities = append(p.Cities, r)
			continue
		}
		p.ByCity[r.CityID()] = append(p.ByCity[r.CityID()], r)
		if p.Query != "" && strings.Contains(r.Name, p.Query) {
			p.Matches = append(p.Matches, r)
		}
	}
	p.Kinds = []store.RegionKind{store.RegionCity, store.RegionCounty, store.RegionZone}
	return s.render(c, status, "office_regions.html", "地区", p)
}

func (s *Server) handleRegionsList(c echo.Context) error {
	return s.regionsPage(c, http.StatusOK, regionsPage{Query: strings.TrimSpace(c.QueryParam("q"))})
}

// handleRegionSave creates a region (id empty) or edits one.
func (s *Server) handleRegionSave(c echo.Context) error {
	ctx := c.Request().Context()
	id, ok1 := formInt64(c, "id")
	parentID, ok2 := formInt64(c, "parent_id")
	r := store.Region{ID: id, Name: trimmed(c, "name"), Kind: store.RegionKind(trimmed(c, "kind")),
		ParentID: optionalID(parentID), Note: trimmed(c, "note"), Active: c.FormValue("active") != "off"}
	if code := trimmed(c, "code"); code != "" {
		r.Code = &code
	}
	errs := FieldErrors{}
	if !ok1 || !ok2 {
		errs.Add("parent_id", "表单数据有误")
	}
	if r.Name == "" {
		errs.Add("name", "请填写地区名称")
	}
	switch r.Kind {
	case store.RegionCity:
		r.ParentID = nil
	case store.RegionCounty, store.RegionZone:
		if r.ParentID == nil {
			errs.Add("parent_id", "县（市、区）和开发区须选择所属设区市")
		} else if p, err := s.store.FindRegionByID(ctx, *r.ParentID); err != nil || p.Kind != store.RegionCity {
			errs.Add("parent_id", "所属设区市不存在")
		}
	default:
		errs.Add("kind", "请选择地区类型")
	}
	if errs.Any() {
		return s.regionsPage(c, http.StatusUnprocessableEntity, regionsPage{Errors: errs, Form: r})
	}
	err := s.store.SaveRegion(ctx, store.UserActor(currentUser(c)), &r)
	if errors.Is(err, store.ErrDuplicate) {
		errs.Add("code", "代码已被其他地区使用")
		return s.regionsPage(c, http.StatusUnprocessableEntity, regionsPage{Errors: errs, Form: r})
	}
	if err != nil {
		return err
	}
	return redirectWith(c, "/office/regions", "", "地区“"+r.Name+"”已保存。")
}

type chainsPage struct {
	Clusters  []store.Cluster
	ByCluster map[int64][]store.Chain
	Tiers     []string
	Errors    FieldErrors
	Form      store.Chain
	Import    *chainImportResult
}

type chainImportResult struct {
	Created, Updated int
	Problems         []string
}

func (s *Server) chainsPage(c echo.Context, status int, p chainsPage) error {
	ctx := c.Request().Context()
	var err error
	if p.Clusters, err = s.store.FindClusters(ctx); err != nil {
		return err
	}
	chains, err := s.store.FindChains(ctx, store.ChainFilter{})
	if err != nil {
		return err
	}
	p.ByCluster = map[int64][]store.Chain{}
	for _, ch := range chains {
		p.ByCluster[ch.ClusterID] = append(p.ByCluster[ch.ClusterID], ch)
	}
	p.Tiers = store.ChainTiers
	return s.render(c, status, "office_chains.html", "产业链目录", p)
}

// handleChainsList shows the catalogue; ?edit=ID opens that chain in the
// form.
func (s *Server) handleChainsList(c echo.Context) error {
	p := chainsPage{}
	if v := c.QueryParam("edit"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return errNotFound
		}
		ch, err := s.store.FindChainByID(c.Request().Context(), id)
		if err != nil {
			return err
		}
		p.Form = *ch
	}
	return s.chainsPage(c, http.StatusOK, p)
}

func validTier(t string) bool {
	for _, x := range store.ChainTiers {
		if x == t {
			return true
		}
	}
	return false
}

func (s *Server) handleChainSave(c echo.Context) error {
	ctx := c.Request().Context()
	id, ok1 := formInt64(c, "id")
	clusterID, ok2 := formInt64(c, "cluster_id")
	sort, _ := formInt64(c, "sort")
	ch := store.Chain{ID: id, ClusterID: clusterID, Name: trimmed(c, "name"), Tier: trimmed(c, "tier"),
		Note: trimmed(c, "note"), Active: c.FormValue("active") != "off", Sort: int(sort)}
	if id != 0 && c.FormValue("sort") == "" {
		// The form does not show the order: an edit keeps it.
		old, err := s.store.FindChainByID(ctx, id)
		if err != nil {
			return err
		}
		ch.Sort = old.Sort
	}
	errs := FieldErrors{}
	if !ok1 || !ok2 || clusterID == 0 {
		errs.Add("cluster_id", "请选择所属集群")
	}
	if ch.Name == "" {
		errs.Add("name", "请填写产业链名称")
	}
	if !validTier(ch.Tier) {
		errs.Add("tier", "请选择层级")
	}
	if errs.Any() {
		return s.chainsPage(c, http.StatusUnprocessableEntity, chainsPage{Errors: errs, Form: ch})
	}
	err := s.store.SaveChain(ctx, store.UserActor(currentUser(c)), &ch)
	if errors.Is(err, store.ErrDuplicate) {
		errs.Add("name", "已有同名产业链")
		return s.chainsPage(c, http.StatusUnprocessableEntity, chainsPage{Errors: errs, Form: ch})
	}
	if err != nil {
		return err
	}
	return redirectWith(c, "/office/chains", "", "产业链“"+ch.Name+"”已保存。")
}

func (s *Server) handleClusterSave(c echo.Context) error {
	id, ok := formInt64(c, "id")
	sort, _ := formInt64(c, "sort")
	cl := store.Cluster{ID: id, Name: trimmed(c, "name"), Sort: int(sort)}
	if !ok || cl.Name == "" {
		return s.chainsPage(c, http.StatusUnprocessableEntity, chainsPage{Errors: FieldErrors{"cluster_name": "请填写集群名称"}})
	}
	err := s.store.SaveCluster(c.Request().Context(), store.UserActor(currentUser(c)), &cl)
	if errors.Is(err, store.ErrDuplicate) {
		return s.chainsPage(c, http.StatusUnprocessableEntity, chainsPage{Errors: FieldErrors{"cluster_name": "已有同名集群"}})
	}
	if err != nil {
		return err
	}
	return redirectWith(c, "/office/chains", "", "集群“"+cl.Name+"”已保存。")
}

var chainImportColumns = map[string][]string{
	"cluster": {"集群", "所属集群", "cluster"},
	"chain":   {"产业链", "产业链名称", "chain"},
	"tier":    {"层级", "tier"},
	"note":    {"备注", "note"},
}

// tierFromText reads a tier in Chinese or English; blank means key chain.
func tierFromText(s string) string {
	switch strings.TrimSpace(s) {
	case "卓越提升", "卓越提升产业链", "卓越", "excellence":
		return "excellence"
	case "优势", "优势产业链", "advantage":
		return "advantage"
	case "", "重点", "重点产业链", "key":
		return "key"
	}
	return ""
}

// handleChainsImport adds or updates chains (and new clusters) from an XLSX
// or CSV upload with columns 集群, 产业链, 层级, 备注.
func (s *Server) handleChainsImport(c echo.Context) error {
	ctx := c.Request().Context()
	fh, err := c.FormFile("file")
	if tooLarge(err) {
		return errTooLarge
	}
	if err != nil {
		return s.chainsPage(c, http.StatusUnprocessableEntity, chainsPage{Errors: FieldErrors{"file": "请选择要导入的文件"}})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 10<<20))
	if err != nil {
		return err
	}
	tab, err := readTable(data)
	if err != nil {
		return s.chainsPage(c, http.StatusUnprocessableEntity, chainsPage{Errors: FieldErrors{"file": err.Error()}})
	}
	col, missing := tab.columns(chainImportColumns, "cluster", "chain")
	if len(missing) > 0 {
		return s.chainsPage(c, http.StatusUnprocessableEntity, chainsPage{Errors: FieldErrors{"file": "缺少必需的列：" + strings.Join(missing, "、")}})
	}
	actor := store.UserActor(currentUser(c))
	res := &chainImportResult{}
	for i, row := range tab.Rows {
		line := tab.Lines[i]
		clusterName, chainName := cell(row, col, "cluster"), cell(row, col, "chain")
		tier := tierFromText(cell(row, col, "tier"))
		if clusterName == "" || chainName == "" {
			res.Problems = append(res.Problems, fmt.Sprintf("第 %d 行：集群和产业链名称不能为空", line))
			continue
		}
		if tier == "" {
			res.Problems = append(res.Problems, fmt.Sprintf("第 %d 行：层级“%s”无法识别（应为卓越提升、优势或重点）", line, cell(row, col, "tier")))
			continue
		}
		cl, err := s.store.FindClusterByName(ctx, clusterName)
		if errors.Is(err, store.ErrNotFound) {
			cl = &store.Cluster{Name: clusterName, Sort: 100 + line}
			err = s.store.SaveCluster(ctx, actor, cl)
		}
		if err != nil {
			return err
		}
		ch, err := s.store.FindChainByName(ctx, chainName)
		switch {
		case errors.Is(err, store.ErrNotFound):
			ch = &store.Chain{Name: chainName, Active: true, Sort: 100 + line}
			res.Created++
		case err != nil:
			return err
		default:
			res.Updated++
		}
		ch.ClusterID, ch.Tier = cl.ID, tier
		if note := cell(row, col, "note"); note != "" {
			ch.Note = note
		}
		if err := s.store.SaveChain(ctx, actor, ch); err != nil {
			return err
		}
	}
	return s.chainsPage(c, http.StatusOK, chainsPage{Import: res})
}
