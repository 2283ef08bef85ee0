package dossier

import (
	"strings"
	"testing"
)

func TestHash_CanonicalAndSensitive(t *testing.T) {
	base := Submission{Competition: 1, Chain: 2, CoreRegion: 3, CollabRegions: []int64{9, 5}, Title: "江阴集成电路",
		Content: Content{Indicators: map[string]string{"a": "1", "b": "2"}, Sections: map[string]string{"s": "文本"}},
		Attachments: []AttachmentRef{
			{ID: 7, Requirement: "x", Name: "a.pdf", Kind: "pdf", Size: 10, SHA256: "aa"},
			{ID: 8, Requirement: "y", Name: "b.png", Kind: "png", Size: 20, SHA256: "BB"},
		}}
	h := Hash(base)
	if !strings.HasPrefix(h, HashPrefix) || len(h) != len(HashPrefix)+64 {
		t.Fatalf("Hash = %q; want sha256:<64 hex>", h)
	}
	reordered := base
	reordered.CollabRegions = []int64{5, 9}
	reordered.Attachments = []AttachmentRef{base.Attachments[1], base.Attachments[0]}
	reordered.Attachments[0].ID, reordered.Attachments[0].SHA256 = 99, "bb"
	if Hash(reordered) != h {
		t.Error("list order, store ids or hex case changed the hash")
	}
	for name, change := range map[string]func(s *Submission){
		"Title":     func(s *Submission) { s.Title += "。" },
		"Indicator": func(s *Submission) { s.Content.Indicators = map[string]string{"a": "1.0", "b": "2"} },
		"Collab":    func(s *Submission) { s.CollabRegions = []int64{5} },
		"FileBytes": func(s *Submission) { s.Attachments = []AttachmentRef{base.Attachments[0]} },
		"FileName":  func(s *Submission) { s.Attachments = []AttachmentRef{{Requirement: "x", Name: "c.pdf", SHA256: "aa"}} },
		"Core":      func(s *Submission) { s.CoreRegion = 4 },
	} {
		s := base
		change(&s)
		if Hash(s) == h {
			t.Errorf("changing %s kept the hash", name)
		}
	}
}
