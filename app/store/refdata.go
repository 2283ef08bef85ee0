package store

import (
	"context"
	"fmt"
	"strings"
)

// RegionKind is the administrative level of a region.
type RegionKind string

// Region kinds.
const (
	RegionCity   RegionKind = "city"   // 设区市
	RegionCounty RegionKind = "county" // 县（市、区）
	RegionZone   RegionKind = "zone"   // 开发区（园区）
)

// Label is the kind's Chinese name.
func (k RegionKind) Label() string {
	switch k {
	case RegionCity:
		return "设区市"
	case RegionCounty:
		return "县（市、区）"
	case RegionZone:
		return "开发区"
	}
	return string(k)
}

// ShortLabel is the kind's name inside parentheses after a region's name,
// where Label's own parentheses would nest: 江阴市（县级）.
func (k RegionKind) ShortLabel() string {
	if k == RegionCounty {
		return "县级"
	}
	return k.Label()
}

// Region is a city, county-level division or development zone of Jiangsu.
type Region struct {
	ID       int64
	Code     *string // statistical code (cities, counties) or GB/T 37028 code (zones)
	Name     string
	Kind     RegionKind
	ParentID *int64 // the city of a county or zone
	Note     string
	Active   bool
}

// TableName binds Region to its table.
func (Region) TableName() string { return "regions" }

// CodeString is the code or "".
func (r Region) CodeString() string {
	if r.Code == nil {
		return ""
	}
	return *r.Code
}

// CityID is the region's city: itself for a city, its parent otherwise.
func (r *Region) CityID() int64 {
	if r.Kind == RegionCity || r.ParentID == nil {
		return r.ID
	}
	return *r.ParentID
}

// Cluster is one of the advanced manufacturing clusters (先进制造业集群).
type Cluster struct {
	ID   int64
	Name string
	Sort int
}

// TableName binds Cluster to its table.
func (Cluster) TableName() string { return "clusters" }

// Chain is one industrial chain (产业链) of the catalogue.
type Chain struct {
	ID        int64
	ClusterID int64
	Name      string
	Tier      string // excellence | advantage | key
	Note      string
	Active    bool
	Sort      int
}

// TableName binds Chain to its table.
func (Chain) TableName() string { return "chains" }

// TierLabel is the chain tier's Chinese name.
func (c *Chain) TierLabel() string {
	switch c.Tier {
	case "excellence":
		return "卓越提升产业链"
	case "advantage":
		return "优势产业链"
	case "key":
		return "重点产业链"
	}
	return c.Tier
}

// ChainTiers are the valid tiers in display order.
var ChainTiers = []string{"excellence", "advantage", "key"}

// RegionFilter narrows FindRegions.
type RegionFilter struct {
	Kind     RegionKind
	ParentID int64
	Query    string
	Active   *bool
}

// FindRegions lists regions, cities first, each city followed by its
// counties and zones in code order.
func (s *Store) FindRegions(ctx context.Context, f RegionFilter) ([]Region, error) {
	q := s.conn(ctx).Model(&Region{})
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.ParentID != 0 {
		q = q.Where("parent_id = ?", f.ParentID)
	}
	if f.Query != "" {
		q = q.Where("name LIKE ?", "%"+f.Query+"%")
	}
	if f.Active != nil {
		q = q.Where("active = ?", *f.Active)
	}
	var out []Region
	err := q.Order("COALESCE(parent_id, id), CASE kind WHEN 'city' THEN 0 WHEN 'county' THEN 1 ELSE 2 END, code, id").
		Find(&out).Error
	return out, err
}

// FindRegionByID returns one region.
func (s *Store) FindRegionByID(ctx context.Context, id int64) (*Region, error) {
	var r Region
	if err := s.conn(ctx).First(&r, id).Error; err != nil {
		return nil, translate(err)
	}
	return &r, nil
}

// FindRegionByName returns the region with exactly that name (names are
// unique in practice; the lowest id wins if not).
func (s *Store) FindRegionByName(ctx context.Context, name string) (*Region, error) {
	var r Region
	err := s.conn(ctx).Where("name = ?", strings.TrimSpace(name)).Order("id").First(&r).Error
	if err != nil {
		return nil, translate(err)
	}
	return &r, nil
}

// RegionsByID loads the given regions into a map.
func (s *Store) RegionsByID(ctx context.Context, ids []int64) (map[int64]*Region, error) {
	out := make(map[int64]*Region, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []Region
	if err := s.conn(ctx).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for i := range rows {
		out[rows[i].ID] = &rows[i]
	}
	return out, nil
}

// SaveRegion creates (ID 0) or updates a region and audits it.
func (s *Store) SaveRegion(ctx context.Context, actor Actor, r *Region) error {
	r.Name = strings.TrimSpace(r.Name)
	return s.Tx(ctx, func(tx *Store) error {
		var before any
		if r.ID != 0 {
			old, err := tx.FindRegionByID(ctx, r.ID)
			if err != nil {
				return err
			}
			before = old
		}
		if err := tx.conn(ctx).Save(r).Error; err != nil {
			return fmt.Errorf("save region: %w", translate(err))
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "region.save", Entity: "region",
			EntityID: r.ID, Before: before, After: r})
	})
}

// FindClusters lists clusters in display order.
func (s *Store) FindClusters(ctx context.Context) ([]Cluster, error) {
	var out []Cluster
	err := s.conn(ctx).Order("sort, id").Find(&out).Error
	return out, err
}

// FindClusterByName returns the cluster with that name.
func (s *Store) FindClusterByName(ctx context.Context, name string) (*Cluster, error) {
	var c Cluster
	if err := s.conn(ctx).Where("name = ?", strings.TrimSpace(name)).First(&c).Error; err != nil {
		return nil, translate(err)
	}
	return &c, nil
}

// SaveCluster creates or updates a cluster.
func (s *Store) SaveCluster(ctx context.Context, actor Actor, c *Cluster) error {
	c.Name = strings.TrimSpace(c.Name)
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.conn(ctx).Save(c).Error; err != nil {
			return fmt.Errorf("save cluster: %w", translate(err))
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "cluster.save", Entity: "cluster",
			EntityID: c.ID, After: c})
	})
}

// ChainFilter narrows FindChains.
type ChainFilter struct {
	ClusterID  int64
	ActiveOnly bool
	IDs        []int64
}

// FindChains lists chains by cluster order then chain order.
func (s *Store) FindChains(ctx context.Context, f ChainFilter) ([]Chain, error) {
	q := s.conn(ctx).Model(&Chain{}).Joins("JOIN clusters ON clusters.id = chains.cluster_id")
	if f.ClusterID != 0 {
		q = q.Where("chains.cluster_id = ?", f.ClusterID)
	}
	if f.ActiveOnly {
		q = q.Where("chains.active = ?", true)
	}
	if f.IDs != nil {
		q = q.Where("chains.id IN ?", f.IDs)
	}
	var out []Chain
	err := q.Order("clusters.sort, clusters.id, chains.sort, chains.id").Find(&out).Error
	return out, err
}

// FindChainByID returns one chain.
func (s *Store) FindChainByID(ctx context.Context, id int64) (*Chain, error) {
	var c Chain
	if err := s.conn(ctx).First(&c, id).Error; err != nil {
		return nil, translate(err)
	}
	return &c, nil
}

// FindChainByName returns the chain with that name.
func (s *Store) FindChainByName(ctx context.Context, name string) (*Chain, error) {
	var c Chain
	if err := s.conn(ctx).Where("name = ?", strings.TrimSpace(name)).First(&c).Error; err != nil {
		return nil, translate(err)
	}
	return &c, nil
}

// SaveChain creates or updates a chain and audits it.
func (s *Store) SaveChain(ctx context.Context, actor Actor, c *Chain) error {
	c.Name = strings.TrimSpace(c.Name)
	return s.Tx(ctx, func(tx *Store) error {
		var before any
		if c.ID != 0 {
			old, err := tx.FindChainByID(ctx, c.ID)
			if err != nil {
				return err
			}
			before = old
		}
		if err := tx.conn(ctx).Save(c).Error; err != nil {
			return fmt.Errorf("save chain: %w", translate(err))
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "chain.save", Entity: "chain",
			EntityID: c.ID, Before: before, After: c})
	})
}
