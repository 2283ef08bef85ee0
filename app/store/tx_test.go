package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"chainjudge/app/store"
	"chainjudge/app/store/storetest"
)

// logged appends one audit entry of action "test.<n>" in tx.
func logged(ctx context.Context, tx *store.Store, n int) error {
	return tx.Audit(ctx, store.AuditRecord{Actor: store.SystemActor("测试"), Action: fmt.Sprintf("test.%d", n),
		Entity: "test", EntityID: n})
}

// testEntries returns the numbers of the test.<n> entries in the log.
func testEntries(t *testing.T, st *store.Store) map[string]bool {
	t.Helper()
	entries, _, err := st.FindAuditEntries(context.Background(), store.AuditFilter{Entity: "test", Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, e := range entries {
		out[e.EntityID] = true
	}
	return out
}

// TestTx_ConcurrentTransactionsEachCommitOrFailAlone runs many transactions
// at once while the first one holds the writer, so the rest queue and
// commit together (SQLite's group commit). Each must behave as if it ran
// alone: a transaction that returns an error or panics leaves nothing
// behind and gets its own error or panic back; every other one is committed
// when Tx returns; the audit chain they all append to stays intact.
func TestTx_ConcurrentTransactionsEachCommitOrFailAlone(t *testing.T) {
	storetest.Each(t, nil, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		release := make(chan struct{})
		first := make(chan error, 1)
		go func() {
			first <- st.Tx(ctx, func(tx *store.Store) error {
				<-release // hold the writer while the others queue
				return logged(ctx, tx, 0)
			})
		}()
		refused := errors.New("refused")
		const n = 60
		errs := make([]error, n)
		panics := make([]any, n)
		var wg sync.WaitGroup
		for i := 1; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { panics[i] = recover() }()
				errs[i] = st.Tx(ctx, func(tx *store.Store) error {
					if err := logged(ctx, tx, i); err != nil {
						return err
					}
					switch {
					case i%7 == 3:
						return refused
					case i == 10:
						panic("boom")
					case i%5 == 0:
						// A savepoint that fails takes only its own entry.
						inner := tx.Tx(ctx, func(tx *store.Store) error {
							if err := logged(ctx, tx, 1000+i); err != nil {
								return err
							}
							return refused
						})
						if !errors.Is(inner, refused) {
							return fmt.Errorf("inner: %v", inner)
						}
						return logged(ctx, tx, 2000+i)
					}
					return nil
				})
			}()
		}
		time.Sleep(100 * time.Millisecond) // let them queue behind the first
		close(release)
		wg.Wait()
		if err := <-first; err != nil {
			t.Fatalf("first transaction: %v", err)
		}
		got := testEntries(t, st)
		if !got["0"] {
			t.Error("the first transaction's entry is missing")
		}
		for i := 1; i < n; i++ {
			id := fmt.Sprint(i)
			switch {
			case i%7 == 3:
				if !errors.Is(errs[i], refused) || got[id] {
					t.Errorf("tx %d: err %v, entry kept %v; want its own error and nothing kept", i, errs[i], got[id])
				}
			case i == 10:
				if panics[i] != "boom" || got[id] {
					t.Errorf("tx %d: panic %v, entry kept %v; want the panic back and nothing kept", i, panics[i], got[id])
				}
			default:
				if errs[i] != nil || panics[i] != nil || !got[id] {
					t.Errorf("tx %d: err %v, panic %v, entry kept %v; want it committed", i, errs[i], panics[i], got[id])
				}
				if i%5 == 0 && (got[fmt.Sprint(1000+i)] || !got[fmt.Sprint(2000+i)]) {
					t.Errorf("tx %d: the failed savepoint's entry kept %v, the one after it %v",
						i, got[fmt.Sprint(1000+i)], got[fmt.Sprint(2000+i)])
				}
			}
		}
		// Last, one that fails alone: the chain's head must not point at
		// its rolled-back entry.
		if err := st.Tx(ctx, func(tx *store.Store) error {
			if err := logged(ctx, tx, 9999); err != nil {
				return err
			}
			return refused
		}); !errors.Is(err, refused) {
			t.Fatalf("last transaction: %v", err)
		}
		checked, brk, err := st.VerifyAudit(ctx)
		if err != nil || brk != nil {
			t.Fatalf("audit chain after %d entries: break %+v, err %v", checked, brk, err)
		}
	})
}

// TestTx_AfterCloseIsAnError: a transaction on a closed store fails instead
// of waiting for a writer that is gone.
func TestTx_AfterCloseIsAnError(t *testing.T) {
	st, _ := storetest.SQLitePath(t, nil)
	st.Close()
	if err := st.Tx(context.Background(), func(*store.Store) error { return nil }); err == nil {
		t.Fatal("Tx on a closed store succeeded")
	}
}
