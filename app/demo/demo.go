// Package demo loads a realistic demonstration competition: an office
// account, a dozen applicant regions, a pool of experts with their fields
// and home regions, and a competition on the default rubric, so every page
// has content on a fresh install (`chainjudge serve --demo`).
package demo

import (
	"context"
	"fmt"

	"chainjudge/app/account"
	"chainjudge/app/store"
)

// Password is the password of every demo account. It is printed at start-up
// and must never be used outside a demonstration.
const Password = "demo2026"

// Login is one demo account to print.
type Login struct {
	Role     store.Role
	Username string
	Password string
	Note     string
}

// loadedKey marks a database that already holds the demo.
const loadedKey = "demo.loaded"

// Load fills st with the demo data unless it is already there, and returns
// the demo logins to print.
func Load(ctx context.Context, st *store.Store) ([]Login, error) {
	done, err := st.Setting(ctx, loadedKey, "")
	if err != nil {
		return nil, err
	}
	if done == "" {
		if err := load(ctx, st); err != nil {
			return nil, err
		}
	}
	return logins(ctx, st)
}

func load(ctx context.Context, st *store.Store) error {
	actor := store.SystemActor("演示数据")
	// Every demo account has the one password: hashed once, not once per
	// account (bcrypt at cost 10 is most of the time the demo takes to load).
	hash, err := account.HashPassword(Password, account.MinBcryptCost)
	if err != nil {
		return err
	}
	create := func(n account.New) (*store.User, error) {
		n.PasswordHash = hash
		u, _, err := account.Create(ctx, st, actor, n, account.MinBcryptCost)
		if err != nil {
			return nil, fmt.Errorf("demo account %s: %w", n.Username, err)
		}
		return u, nil
	}
	if _, err := create(account.New{Username: officeUser.username, DisplayName: officeUser.name, Role: store.RoleOffice,
		Phone: "025-83630000"}); err != nil {
		return err
	}
	for _, a := range applicants {
		r, err := st.FindRegionByName(ctx, a.region)
		if err != nil {
			return fmt.Errorf("demo region %s: %w", a.region, err)
		}
		if _, err := create(account.New{Username: a.username, DisplayName: a.region + a.office, Role: store.RoleApplicant,
			RegionID: &r.ID, Phone: a.phone}); err != nil {
			return err
		}
	}
	clusters, err := st.FindClusters(ctx)
	if err != nil {
		return err
	}
	clusterID := map[string]int64{}
	for _, c := range clusters {
		clusterID[c.Name] = c.ID
	}
	for _, e := range experts {
		r, err := st.FindRegionByName(ctx, e.home)
		if err != nil {
			return fmt.Errorf("demo expert home %s: %w", e.home, err)
		}
		var fields []store.ExpertField
		for _, f := range e.fields {
			if ch, err := st.FindChainByName(ctx, f); err == nil {
				id := ch.ID
				fields = append(fields, store.ExpertField{ClusterID: ch.ClusterID, ChainID: &id})
			} else if id, ok := clusterID[f]; ok {
				fields = append(fields, store.ExpertField{ClusterID: id})
			} else {
				return fmt.Errorf("demo expert %s: unknown field %s", e.name, f)
			}
		}
		if _, err := create(account.New{Username: e.username, DisplayName: e.name, Role: store.RoleExpert,
			Organisation: e.org, Title: e.title, HomeRegionID: &r.ID, Fields: fields}); err != nil {
			return err
		}
	}
	if err := loadCompetition(ctx, st, actor); err != nil {
		return err
	}
	if err := loadDossiers(ctx, st); err != nil {
		return err
	}
	// The scores come last: they score the dossiers entered in stage 1.
	if err := loadScores(ctx, st, actor); err != nil {
		return err
	}
	// Last: a finished 2025 round, taken through to publication.
	if err := loadResults(ctx, st); err != nil {
		return err
	}
	return st.PutSetting(ctx, actor, loadedKey, "1")
}
