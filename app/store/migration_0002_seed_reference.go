package store

import (
	"embed"
	"encoding/json"
	"fmt"

	"gorm.io/gorm"
)

// seedFS holds the reference data loaded by step 0002: Jiangsu's 13 cities,
// 95 county-level divisions and development zones (with statistical and
// GB/T 37028 codes), and the 13 clusters with the chains that could be
// confirmed from public sources. The office edits this data afterwards in the
// web UI; the files are frozen inputs of step 0002 and must not change.
//
//go:embed seed/regions.json seed/chains.json
var seedFS embed.FS

type seedRegion struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Parent string `json:"parent"`
	Note   string `json:"note"`
}

type seedChains struct {
	Clusters []string `json:"clusters"`
	Chains   []struct {
		Cluster string `json:"cluster"`
		Name    string `json:"name"`
		Tier    string `json:"tier"`
		Note    string `json:"note"`
	} `json:"chains"`
}

func up0002SeedReference(tx *gorm.DB) error {
	var regions []seedRegion
	if err := readSeed("seed/regions.json", &regions); err != nil {
		return err
	}
	idByCode := map[string]int64{}
	for _, r := range regions {
		row := m0001Region{Name: r.Name, Kind: r.Kind, Note: r.Note, Active: true}
		if r.Code != "" {
			code := r.Code
			row.Code = &code
		}
		if r.Parent != "" {
			pid, ok := idByCode[r.Parent]
			if !ok {
				return fmt.Errorf("seed region %s: unknown parent %s", r.Name, r.Parent)
			}
			row.ParentID = &pid
		}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("seed region %s: %w", r.Name, err)
		}
		if r.Code != "" {
			idByCode[r.Code] = row.ID
		}
	}
	var chains seedChains
	if err := readSeed("seed/chains.json", &chains); err != nil {
		return err
	}
	clusterID := map[string]int64{}
	for i, name := range chains.Clusters {
		row := m0001Cluster{Name: name, Sort: i + 1}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("seed cluster %s: %w", name, err)
		}
		clusterID[name] = row.ID
	}
	for i, c := range chains.Chains {
		cid, ok := clusterID[c.Cluster]
		if !ok {
			return fmt.Errorf("seed chain %s: unknown cluster %s", c.Name, c.Cluster)
		}
		row := m0001Chain{ClusterID: cid, Name: c.Name, Tier: c.Tier, Note: c.Note, Active: true, Sort: i + 1}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("seed chain %s: %w", c.Name, err)
		}
	}
	return nil
}

func readSeed(name string, v any) error {
	b, err := seedFS.ReadFile(name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("parse %s: %w", name, err)
	}
	return nil
}
