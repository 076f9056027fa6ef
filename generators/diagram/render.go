package diagram

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"sync"
	"time"

	graphviz "github.com/avnet/avnet/internal/thirdparty/gographviz"
)

// gvMu serialises Graphviz: go-graphviz runs one WebAssembly instance of
// Graphviz for the whole process, which is not safe for concurrent use.
var gvMu sync.Mutex

// renderSVG lays out DOT text with the embedded Graphviz (dot engine) and
// returns the SVG.
func renderSVG(ctx context.Context, src []byte) ([]byte, error) {
	gvMu.Lock()
	defer gvMu.Unlock()
	gv, err := graphviz.New(ctx)
	if err != nil {
		return nil, fmt.Errorf("start graphviz: %w", err)
	}
	defer gv.Close()
	g, err := graphviz.ParseBytes(src)
	if err != nil {
		return nil, fmt.Errorf("parse DOT: %w", err)
	}
	defer g.Close()
	var buf bytes.Buffer
	if err := gv.Render(ctx, g, graphviz.SVG, &buf); err != nil {
		return nil, fmt.Errorf("render SVG: %w", err)
	}
	return fixFonts(buf.Bytes()), nil
}

// fixFonts rewrites Graphviz's font list. Graphviz writes
// font-family="Helvetica,sans-Serif", which librsvg and WeasyPrint (both
// Pango) resolve to DejaVu Sans, wider than the Helvetica metrics Graphviz
// sized the boxes with, so text overflows. Naming Arial and its metric
// twin Liberation Sans before the generic family keeps the metrics.
func fixFonts(svg []byte) []byte {
	return bytes.ReplaceAll(svg, []byte(`font-family="Helvetica,sans-Serif"`), []byte(`font-family="Helvetica,Arial,Liberation Sans,sans-serif"`))
}

// RasteriserPackage is the Debian package that provides rsvg-convert.
const RasteriserPackage = "librsvg2-bin"

// ErrNoRasteriser says the PNG files were skipped.
var ErrNoRasteriser = errors.New("rsvg-convert not found: PNG diagrams skipped (install the Debian package " + RasteriserPackage + ")")

// Rasteriser returns the path of rsvg-convert, or ErrNoRasteriser.
//
// The PNG files are the SVG rasterised by librsvg, not Graphviz's own PNG:
// go-graphviz's PNG renderer (v0.2.10) fills edge curves as black shapes
// and drops node outlines, while librsvg draws what a browser draws.
func Rasteriser() (string, error) {
	p, err := exec.LookPath("rsvg-convert")
	if err != nil {
		return "", ErrNoRasteriser
	}
	return p, nil
}

// pngLongSide is the PNG's longer side in pixels when the drawing is
// large: A4 landscape (297 mm) at 240 dpi, where the flagship's smallest
// text is still 14 pixels high; 300 dpi would cost 50 % more time for
// little. Smaller drawings are rendered at 2× their natural size. The SVG
// is the drawing to print.
const (
	pngLongSide = 2806
	pngMaxZoom  = 2.0
	rsvgTimeout = 60 * time.Second
)

var svgSizeRE = regexp.MustCompile(`<svg width="([0-9.]+)pt" height="([0-9.]+)pt"`)

// svgSize reads the drawing's size in points from Graphviz's SVG.
func svgSize(svg []byte) (w, h float64, ok bool) {
	m := svgSizeRE.FindSubmatch(svg)
	if m == nil {
		return 0, 0, false
	}
	w, err1 := strconv.ParseFloat(string(m[1]), 64)
	h, err2 := strconv.ParseFloat(string(m[2]), 64)
	return w, h, err1 == nil && err2 == nil && w > 0 && h > 0
}

// rasterise converts an SVG to PNG with rsvg-convert (SVG on stdin, PNG
// on stdout). rsvg-convert writes no timestamp: the same SVG gives the
// same PNG.
func rasterise(ctx context.Context, rsvg string, svg []byte) ([]byte, error) {
	zoom := pngMaxZoom
	if w, h, ok := svgSize(svg); ok {
		// rsvg-convert renders 1 pt as 96/72 px at zoom 1.
		long := w
		if h > w {
			long = h
		}
		if z := pngLongSide / (long * 96 / 72); z < zoom {
			zoom = z
		}
	}
	ctx, cancel := context.WithTimeout(ctx, rsvgTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, rsvg, "--format=png", "--zoom="+strconv.FormatFloat(zoom, 'f', 4, 64), "--background-color=white")
	cmd.Stdin = bytes.NewReader(svg)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("rsvg-convert: %w", ctx.Err())
		}
		return nil, fmt.Errorf("rsvg-convert: %v: %s", err, bytes.TrimSpace(errb.Bytes()))
	}
	return out.Bytes(), nil
}
