// Package bwprops checks properties of the link loads that the bandwidth
// rules (AV-BW-001..003) rely on, on a two-plane studio design: adding a
// receiver never lowers a load, a flow never weighs more on a cable than
// its rate in each direction, and the same design always gives the same
// loads.
package bwprops

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

const archive = "testdata/studio.txtar"

func load(t *testing.T) *model.Facility {
	t.Helper()
	res, _ := ruletest.Load(t, archive)
	return res.Facility
}

// near tolerates floating-point noise in sums of planning rates.
func atLeast(got, want float64) bool { return got >= want-1e-6*math.Max(1, math.Abs(want)) }

// endpoints are the devices that can receive a flow: everything that is
// not a switch.
func endpoints(f *model.Facility) []string {
	var out []string
	for _, name := range model.SortedKeys(f.Devices) {
		if !f.Devices[name].IsSwitch() {
			out = append(out, name)
		}
	}
	return out
}

// checkMonotone fails when a link direction of before lost load (or
// disappeared) in after.
func checkMonotone(t *testing.T, what string, before, after *analysis.Facts) {
	t.Helper()
	for k, b := range before.Loads {
		a := after.Loads[k]
		if a == nil {
			t.Errorf("%s: link %s from %s carried %.0f b/s and now carries nothing", what, k.Label, k.From, b.Bps)
			continue
		}
		if !atLeast(a.Bps, b.Bps) {
			t.Errorf("%s: link %s from %s went from %.0f to %.0f b/s", what, k.Label, k.From, b.Bps, a.Bps)
		}
	}
}

// TestAddingAReceiverNeverLowersALoad adds every endpoint, one at a time,
// to every flow it does not already receive.
func TestAddingAReceiverNeverLowersALoad(t *testing.T) {
	f := load(t)
	base := analysis.Analyze(f)
	if len(base.Loads) == 0 {
		t.Fatal("the test design has no link loads")
	}
	grew := 0
	for _, fn := range model.SortedKeys(f.Flows) {
		fl := f.Flows[fn]
		orig := fl.Receivers
		for _, r := range endpoints(f) {
			if slices.Contains(orig, r) || r == fl.Sender {
				continue
			}
			fl.Receivers = append(slices.Clone(orig), r)
			after := analysis.Analyze(f)
			checkMonotone(t, fmt.Sprintf("adding %s to %s", r, fn), base, after)
			if len(after.Loads) > len(base.Loads) {
				grew++
			}
		}
		fl.Receivers = orig
	}
	if grew == 0 {
		t.Error("no added receiver ever loaded a new link direction: the design does not exercise the property")
	}
}

// TestReceiversInAnyOrder adds receivers in random orders (fixed seeds)
// and checks that every step keeps every load of the step before.
func TestReceiversInAnyOrder(t *testing.T) {
	type add struct{ flow, receiver string }
	for seed := uint64(1); seed <= 8; seed++ {
		f := load(t)
		var adds []add
		for _, fn := range model.SortedKeys(f.Flows) {
			for _, r := range endpoints(f) {
				if !slices.Contains(f.Flows[fn].Receivers, r) && r != f.Flows[fn].Sender {
					adds = append(adds, add{fn, r})
				}
			}
		}
		rng := rand.New(rand.NewPCG(seed, 2110))
		rng.Shuffle(len(adds), func(i, j int) { adds[i], adds[j] = adds[j], adds[i] })
		prev := analysis.Analyze(f)
		for i, a := range adds[:min(len(adds), 25)] {
			fl := f.Flows[a.flow]
			fl.Receivers = append(slices.Clone(fl.Receivers), a.receiver)
			next := analysis.Analyze(f)
			checkMonotone(t, fmt.Sprintf("seed %d step %d (%s -> %s)", seed, i, a.flow, a.receiver), prev, next)
			prev = next
		}
	}
}

// TestFlowWeighsAtMostItsRatePerDirection: on one cable, a flow's legs
// add up to at most its planning rate in each of the two directions, and
// a leg crosses a direction at most once (the multicast tree).
func TestFlowWeighsAtMostItsRatePerDirection(t *testing.T) {
	f := load(t)
	// Subscribe every endpoint to every flow: the heaviest case.
	for _, fn := range model.SortedKeys(f.Flows) {
		fl := f.Flows[fn]
		for _, r := range endpoints(f) {
			if !slices.Contains(fl.Receivers, r) && r != fl.Sender {
				fl.Receivers = append(fl.Receivers, r)
			}
		}
	}
	facts := analysis.Analyze(f)
	perLink := map[string]map[string]float64{} // label -> flow -> b/s, both directions
	for k, ld := range facts.Loads {
		seen := map[string]bool{}
		for _, l := range ld.Legs {
			key := l.Flow + "/" + l.Plane
			if seen[key] {
				t.Errorf("leg %s crosses link %s from %s twice", key, k.Label, k.From)
			}
			seen[key] = true
			if perLink[k.Label] == nil {
				perLink[k.Label] = map[string]float64{}
			}
			perLink[k.Label][l.Flow] += l.Bps
		}
	}
	checked := 0
	for _, label := range model.SortedKeys(perLink) {
		for _, fn := range model.SortedKeys(perLink[label]) {
			ff := facts.Flows[fn]
			limit := 2 * ff.Rate.Bitrate.L1
			if got := perLink[label][fn]; !atLeast(limit, got) {
				t.Errorf("flow %s puts %.0f b/s on link %s, more than 2 directions x %.0f b/s", fn, got, label, ff.Rate.Bitrate.L1)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no flow crosses any link")
	}
}

// TestSameDesignSameLoads analyses the design repeatedly, and a fresh
// load of it, and wants identical loads, in identical order.
func TestSameDesignSameLoads(t *testing.T) {
	f := load(t)
	first := analysis.Analyze(f)
	for i := 0; i < 20; i++ {
		again := analysis.Analyze(f)
		if !reflect.DeepEqual(first.Loads, again.Loads) {
			t.Fatalf("run %d: loads differ:\n%s", i, cmp.Diff(summary(first), summary(again)))
		}
	}
	fresh := analysis.Analyze(load(t))
	if diff := cmp.Diff(summary(first), summary(fresh)); diff != "" {
		t.Errorf("a fresh load of the same design gives other loads (-first +fresh):\n%s", diff)
	}
	if !reflect.DeepEqual(first.Loads, fresh.Loads) {
		t.Error("a fresh load of the same design gives other loads (reflect.DeepEqual)")
	}
}

// summary is a plain, ordered view of the loads for readable diffs.
type loadView struct {
	Label, From, To string
	Bps             float64
	Legs            []analysis.LegRef
}

func summary(facts *analysis.Facts) []loadView {
	var out []loadView
	for _, ld := range facts.LoadsSorted() {
		out = append(out, loadView{ld.Link.Label, ld.From.String(), ld.To.String(), ld.Bps, ld.Legs})
	}
	return out
}
