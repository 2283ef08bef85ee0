package app

import (
	"context"

	"chainjudge/app/store"
)

// regionNames resolves region names typed by people: a plain name
// ("江阴市"), or one qualified by its city ("徐州市鼓楼区") for the names that
// exist in more than one city.
type regionNames struct {
	byName    map[string]int64
	ambiguous map[string]bool
}

func (s *Server) regionNameIndex(ctx context.Context) (*regionNames, error) {
	regions, err := s.store.FindRegions(ctx, store.RegionFilter{})
	if err != nil {
		return nil, err
	}
	cityName := map[int64]string{}
	for _, r := range regions {
		if r.Kind == store.RegionCity {
			cityName[r.ID] = r.Name
		}
	}
	idx := &regionNames{byName: map[string]int64{}, ambiguous: map[string]bool{}}
	for _, r := range regions {
		if _, dup := idx.byName[r.Name]; dup {
			idx.ambiguous[r.Name] = true
		}
		idx.byName[r.Name] = r.ID
		if r.Kind != store.RegionCity {
			idx.byName[cityName[r.CityID()]+r.Name] = r.ID
		}
	}
	for name := range idx.ambiguous {
		delete(idx.byName, name)
	}
	return idx, nil
}

// lookup returns the region id for name, or a Chinese reason why not.
func (idx *regionNames) lookup(name string) (int64, string) {
	if id, ok := idx.byName[name]; ok {
		return id, ""
	}
	if idx.ambiguous[name] {
		return 0, "地区“" + name + "”在多个设区市都有，请写全称，例如“徐州市" + name + "”"
	}
	return 0, "地区“" + name + "”不存在"
}
