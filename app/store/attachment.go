package store

import (
	"context"
	"fmt"
	"time"
)

// Where an attachment's bytes are kept.
const (
	StorageDB  = "db"  // the blobs table
	StorageDir = "dir" // the attachment directory under the data directory
)

// Attachment is one file uploaded to a dossier for one of the stage's
// attachment requirements. The bytes are kept by SHA-256 in the storage
// named by Storage.
type Attachment struct {
	ID          int64
	DossierID   int64
	Requirement string // the rubric attachment id
	FileName    string
	Kind        string // the sniffed kind (rubrics.FileKind)
	Size        int64
	SHA256      string
	Storage     string
	UploadedBy  int64
	CreatedAt   time.Time
}

// TableName binds Attachment to its table.
func (Attachment) TableName() string { return "dossier_attachments" }

// MaxAttachmentsPerRequirement bounds the files of one requirement.
const MaxAttachmentsPerRequirement = 20

// NewAttachment is an upload about to be recorded. The bytes must already
// be in the named storage (put them in the same transaction when it is the
// database).
type NewAttachment struct {
	DossierID   int64
	Requirement string
	FileName    string
	Kind        string
	Size        int64
	SHA256      string
	Storage     string
	UploadedBy  int64
	// MaxTotal caps the sum of the sizes of the dossier's attachments.
	MaxTotal int64
}

// AddAttachment records an upload on a dossier the applicant may still
// edit, and bumps the dossier's version. The same bytes attached twice to
// one dossier are ErrDuplicate; going over the dossier's total size or the
// per-requirement count is ErrConflict (both wrapped with a Chinese
// sentence).
func (s *Store) AddAttachment(ctx context.Context, actor Actor, na NewAttachment) (*Attachment, error) {
	a := &Attachment{DossierID: na.DossierID, Requirement: na.Requirement, FileName: na.FileName, Kind: na.Kind,
		Size: na.Size, SHA256: na.SHA256, Storage: na.Storage, UploadedBy: na.UploadedBy}
	err := s.Tx(ctx, func(tx *Store) error {
		d, st, err := tx.dossierAndStage(ctx, na.DossierID)
		if err != nil {
			return err
		}
		if err := d.EditableAt(st, tx.Now()); err != nil {
			return err
		}
		existing, err := tx.FindAttachments(ctx, na.DossierID)
		if err != nil {
			return err
		}
		var total int64
		count := 0
		for _, e := range existing {
			if e.SHA256 == na.SHA256 {
				return fmt.Errorf("同一文件已经上传过（“%s”），不必重复上传: %w", e.FileName, ErrDuplicate)
			}
			total += e.Size
			if e.Requirement == na.Requirement {
				count++
			}
		}
		if na.MaxTotal > 0 && total+na.Size > na.MaxTotal {
			return fmt.Errorf("本申报书的附件合计将达到 %s，超过 %s 的上限，请压缩或删除部分附件: %w",
				sizeText(total+na.Size), sizeText(na.MaxTotal), ErrConflict)
		}
		if count >= MaxAttachmentsPerRequirement {
			return fmt.Errorf("每项附件最多上传 %d 个文件: %w", MaxAttachmentsPerRequirement, ErrConflict)
		}
		a.CreatedAt = tx.Now()
		if err := tx.conn(ctx).Create(a).Error; err != nil {
			return fmt.Errorf("record attachment: %w", translate(err))
		}
		if err := tx.bumpDossierVersion(ctx, d.ID, d.Version); err != nil {
			return err
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "dossier.attach", Entity: "dossier", EntityID: d.ID,
			After: map[string]any{"attachment": a.ID, "requirement": a.Requirement, "file": a.FileName,
				"kind": a.Kind, "size": a.Size, "sha256": a.SHA256}})
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// DeleteAttachment removes an attachment from a dossier the applicant may
// still edit and bumps the dossier's version. It returns the removed row
// and whether no attachment refers to its bytes any more (so the caller may
// delete them from the storage).
func (s *Store) DeleteAttachment(ctx context.Context, actor Actor, dossierID, id int64) (*Attachment, bool, error) {
	var (
		a      *Attachment
		unused bool
	)
	err := s.Tx(ctx, func(tx *Store) error {
		d, st, err := tx.dossierAndStage(ctx, dossierID)
		if err != nil {
			return err
		}
		if a, err = tx.FindAttachment(ctx, dossierID, id); err != nil {
			return err
		}
		if err := d.EditableAt(st, tx.Now()); err != nil {
			return err
		}
		if err := tx.conn(ctx).Delete(&Attachment{}, a.ID).Error; err != nil {
			return fmt.Errorf("delete attachment: %w", err)
		}
		var refs int64
		if err := tx.conn(ctx).Model(&Attachment{}).Where("sha256 = ?", a.SHA256).Count(&refs).Error; err != nil {
			return fmt.Errorf("count attachment references: %w", err)
		}
		unused = refs == 0
		if err := tx.bumpDossierVersion(ctx, d.ID, d.Version); err != nil {
			return err
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "dossier.detach", Entity: "dossier", EntityID: d.ID,
			Before: map[string]any{"attachment": a.ID, "requirement": a.Requirement, "file": a.FileName, "sha256": a.SHA256}})
	})
	if err != nil {
		return nil, false, err
	}
	return a, unused, nil
}

// FindAttachments lists a dossier's attachments in upload order.
func (s *Store) FindAttachments(ctx context.Context, dossierID int64) ([]Attachment, error) {
	var out []Attachment
	err := s.conn(ctx).Where("dossier_id = ?", dossierID).Order("id").Find(&out).Error
	return out, err
}

// FindAttachment returns one attachment of a dossier; an attachment of
// another dossier is ErrNotFound.
func (s *Store) FindAttachment(ctx context.Context, dossierID, id int64) (*Attachment, error) {
	var a Attachment
	if err := s.conn(ctx).Where("id = ? AND dossier_id = ?", id, dossierID).First(&a).Error; err != nil {
		return nil, translate(err)
	}
	return &a, nil
}

// sizeText renders a byte count for messages.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}

// SizeText is the file size for people.
func (a Attachment) SizeText() string { return sizeText(a.Size) }
