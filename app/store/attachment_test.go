package store_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"time"

	"chainjudge/app/files"
	"chainjudge/app/store"
	"chainjudge/app/store/storetest"
)

func TestAttachments_BlobsInTheSameTransaction(t *testing.T) {
	clock := &storetest.Clock{T: t0.Add(time.Hour)}
	storetest.Each(t, clock.Now, func(t *testing.T, st *store.Store) {
		clock.T = t0.Add(time.Hour)
		ctx := context.Background()
		f := newFilingFixture(t, st)
		actor := store.UserActor(f.user)
		data := []byte("%PDF-1.4 test %%EOF")
		sum := files.SHA256(data)
		upload := func(name string, sum string, size, max int64) (*store.Attachment, error) {
			var a *store.Attachment
			err := st.Tx(ctx, func(tx *store.Store) error {
				if err := tx.Blobs().Put(ctx, sum, data); err != nil {
					return err
				}
				var err error
				a, err = tx.AddAttachment(ctx, actor, store.NewAttachment{DossierID: f.d.ID, Requirement: "application_form",
					FileName: name, Kind: "pdf", Size: size, SHA256: sum, Storage: store.StorageDB, UploadedBy: f.user.ID, MaxTotal: max})
				return err
			})
			return a, err
		}
		a, err := upload("申报书.pdf", sum, int64(len(data)), 1000)
		if err != nil {
			t.Fatal(err)
		}
		got, err := st.Blobs().Get(ctx, sum)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("blob = %q, %v", got, err)
		}
		d, _ := st.FindDossierByID(ctx, f.d.ID)
		if d.Version != f.d.Version+1 {
			t.Errorf("dossier version = %d; want bumped to %d", d.Version, f.d.Version+1)
		}

		_, err = upload("copy.pdf", sum, int64(len(data)), 1000)
		if !errors.Is(err, store.ErrDuplicate) || !strings.Contains(err.Error(), "申报书.pdf") {
			t.Errorf("same bytes again: %v; want ErrDuplicate naming the first file", err)
		}
		other := files.SHA256([]byte("other"))
		_, err = upload("big.pdf", other, 990, 1000)
		if !errors.Is(err, store.ErrConflict) || !strings.Contains(err.Error(), "超过") {
			t.Errorf("over the dossier total: %v; want ErrConflict", err)
		}
		if _, err := st.Blobs().Get(ctx, other); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a refused upload left its blob: %v", err)
		}
		atts, _ := st.FindAttachments(ctx, f.d.ID)
		if len(atts) != 1 || atts[0].SHA256 != sum || atts[0].FileName != "申报书.pdf" {
			t.Fatalf("attachments = %+v", atts)
		}

		removed, unused, err := st.DeleteAttachment(ctx, actor, f.d.ID, a.ID)
		if err != nil || !unused || removed.SHA256 != sum {
			t.Fatalf("DeleteAttachment = %+v, %v, %v", removed, unused, err)
		}
		if _, err := st.FindAttachment(ctx, f.d.ID, a.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted attachment still found: %v", err)
		}
		if _, _, err := st.DeleteAttachment(ctx, actor, f.d.ID+1000, a.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("attachment of another dossier: %v; want ErrNotFound", err)
		}
	})
}
