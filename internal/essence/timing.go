package essence

import "fmt"

// beta is the ST 2110-21 network compatibility model drain factor:
// TDRAIN = (TFRAME / NPACKETS) / β (EBU LIST d21/c_calculator.cpp).
const beta = 1.1

type timing struct {
	trs, troffset, tdrain, ractive, peak float64
	cmax, vrxFull                        int
	notes                                []string
}

// rActive is RACTIVE of ST 2110-21 §6.3 for the gapped packet read
// schedule: 1080/1125 for every progressive raster (720/750 and 2160/2250
// are the same ratio), 1080/1125 for 1080i, 576/625 for 576i and 487/525
// for 480i (EBU LIST d21/settings.cpp get_ractive, MTL
// st_rx_timing_parser.c).
func rActive(f Format) (num, den int) {
	switch {
	case !f.Interlaced:
		return 1080, 1125
	case f.Height == 480:
		return 487, 525
	case f.Height == 576:
		return 576, 625
	default:
		return 1080, 1125
	}
}

// troDefault is TRO_DEFAULT of ST 2110-21 §6.3.2/6.3.3: a number of lines
// of the full frame raster, i.e. lines × TFRAME_full / TotalLines. Progressive
// < 1080 lines: 28/750; progressive ≥ 1080: 43/1125; 1080i: 22/1125; 576i:
// 26/625; 480i: 20/525 (EBU LIST get_tro_default_multiplier, MTL rv_tp_init).
func troDefault(f Format) (lines, total int) {
	switch {
	case !f.Interlaced && f.Height < 1080:
		return 28, 750
	case !f.Interlaced:
		return 43, 1125
	case f.Height == 480:
		return 20, 525
	case f.Height == 576:
		return 26, 625
	default:
		return 22, 1125
	}
}

// st2110_21 derives the sender timing parameters. npackets is NPACKETS:
// packets per frame, or per field for interlaced video, where TFRAME is
// the field period.
func st2110_21(f Format, npackets int, sender string, maxUDP int) timing {
	var t timing
	if npackets <= 0 {
		return t
	}
	tframe := 1 / f.UnitRate()
	n := float64(npackets)
	num, den := rActive(f)
	gapped := sender != "2110TPNL"
	ra := 1.0 // linear schedule (2110TPNL): packets spread over the whole frame
	if gapped {
		ra = float64(num) / float64(den)
	}
	t.ractive = ra
	t.trs = tframe * ra / n
	t.tdrain = tframe / n / beta
	lines, total := troDefault(f)
	t.troffset = float64(lines) / float64(total) / f.FrameRate()

	// MAXIP: EBU LIST uses 1500 with VRX_FULL = MAX(1500*8/MAXIP, ...).
	// We take the MTU class of MaxUDP (1460 -> 1500, 8960 -> 9000).
	maxIP := maxUDP + mtuClassExtra
	if sender == "2110TPW" {
		t.cmax = max(16, int(n/(21600*tframe)))
		t.vrxFull = max(1500*720/maxIP, int(n/(300*tframe)))
	} else {
		t.cmax = max(4, int(n/(43200*ra*tframe)))
		t.vrxFull = max(1500*8/maxIP, int(n/(27000*tframe)))
	}
	t.peak = 1
	if gapped {
		t.peak = 1 / ra
		t.notes = append(t.notes, fmt.Sprintf(
			"%s gapped sender: packets sent during the active %d/%d of each %s, so the planning (peak) rate is the average x %d/%d",
			sender, num, den, unitName(f), den, num))
	} else {
		t.notes = append(t.notes, "2110TPNL linear sender: packets evenly spread over the whole frame period, peak = average")
	}
	t.notes = append(t.notes, fmt.Sprintf("TRO_DEFAULT = %d lines of a %d-line frame", lines, total))
	return t
}

func unitName(f Format) string {
	if f.Interlaced {
		return "field"
	}
	return "frame"
}
