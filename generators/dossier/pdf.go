package dossier

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// Renderer is the program that turns the HTML into PDF. WeasyPrint
// implements CSS Paged Media (page margins with running headers, page
// counters, target-counter for the table of contents), which the
// dossier's print stylesheet relies on.
var Renderer = "weasyprint"

// RendererPackage is the Debian package that provides Renderer.
const RendererPackage = "weasyprint"

// ErrNoRenderer means the PDF renderer is not installed.
var ErrNoRenderer = errors.New("the PDF renderer " + Renderer + " is not installed")

// MissingRendererNote is the one line that says how to get the PDF.
func MissingRendererNote(lang string) string {
	if lang == "en" {
		return fmt.Sprintf("dossier: wrote the HTML only; for the PDF install the Debian package %s (sudo apt-get install %s) and build again", RendererPackage, RendererPackage)
	}
	return fmt.Sprintf("dossier : HTML seul ; pour le PDF, installer le paquet Debian %s (sudo apt-get install %s) puis relancer la génération", RendererPackage, RendererPackage)
}

// RenderPDF renders the dossier's HTML with WeasyPrint. The HTML is
// self-contained, so WeasyPrint fetches nothing; it writes no creation
// date unless the HTML gives one (it does not), so the same HTML gives the
// same PDF with the same WeasyPrint and fonts.
func RenderPDF(ctx context.Context, html []byte) ([]byte, error) {
	path, err := exec.LookPath(Renderer)
	if err != nil {
		return nil, ErrNoRenderer
	}
	cmd := exec.CommandContext(ctx, path, "--quiet", "--encoding", "utf-8", "-", "-")
	cmd.Stdin = bytes.NewReader(html)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	// A fixed environment: no user stylesheet or font configuration from
	// the caller's locale changes the layout between two runs.
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=0", "LC_ALL=C.UTF-8")
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 2000 {
			msg = msg[len(msg)-2000:]
		}
		return nil, fmt.Errorf("dossier: %s failed: %v: %s", Renderer, err, msg)
	}
	if !bytes.HasPrefix(out.Bytes(), []byte("%PDF-")) {
		return nil, fmt.Errorf("dossier: %s wrote no PDF", Renderer)
	}
	return out.Bytes(), nil
}
