/**
 * The game's sounds, synthesised with the Web Audio API (no files to download): a lobby loop, countdown ticks,
 * the reveal sting and the podium fanfare.
 *
 * Browsers forbid audio before the user interacts with the page, and the game must not try: no AudioContext is
 * created until a pointer or key gesture on this page (`armOnGesture`), and nothing plays while muted. Each
 * played cue is announced as a `quizroom:sound` window event (detail: the cue), which is how tests hear it.
 */

export type Cue = 'tick' | 'last-tick' | 'reveal' | 'fanfare';

type Wave = OscillatorType;

interface Note {
  /** Seconds after the cue starts. */
  at: number;
  freq: number;
  dur: number;
  wave?: Wave;
  gain?: number;
}

const NOTE = (n: number) => 440 * 2 ** ((n - 69) / 12);
// MIDI note numbers of the notes used below.
const C4 = 60;
const G4 = 67;
const A4 = 69;
const C5 = 72;
const D5 = 74;
const E5 = 76;
const G5 = 79;
const C6 = 84;

const CUES: Record<Cue, Note[]> = {
  tick: [{ at: 0, freq: 1100, dur: 0.05, wave: 'square', gain: 0.18 }],
  'last-tick': [{ at: 0, freq: 1500, dur: 0.08, wave: 'square', gain: 0.22 }],
  reveal: [
    { at: 0, freq: NOTE(C4 - 12), dur: 0.5, wave: 'sine', gain: 0.6 },
    { at: 0.02, freq: NOTE(C5), dur: 0.9, wave: 'triangle', gain: 0.35 },
    { at: 0.06, freq: NOTE(E5), dur: 0.9, wave: 'triangle', gain: 0.3 },
    { at: 0.1, freq: NOTE(G5), dur: 1.0, wave: 'triangle', gain: 0.3 },
  ],
  fanfare: [
    { at: 0, freq: NOTE(G4), dur: 0.18, wave: 'sawtooth', gain: 0.22 },
    { at: 0.2, freq: NOTE(C5), dur: 0.18, wave: 'sawtooth', gain: 0.22 },
    { at: 0.4, freq: NOTE(E5), dur: 0.18, wave: 'sawtooth', gain: 0.22 },
    { at: 0.6, freq: NOTE(G5), dur: 0.35, wave: 'sawtooth', gain: 0.24 },
    { at: 0.98, freq: NOTE(E5), dur: 0.16, wave: 'sawtooth', gain: 0.2 },
    { at: 1.16, freq: NOTE(G5), dur: 1.3, wave: 'sawtooth', gain: 0.24 },
    { at: 1.16, freq: NOTE(C6), dur: 1.3, wave: 'sawtooth', gain: 0.2 },
    { at: 1.16, freq: NOTE(C4), dur: 1.3, wave: 'triangle', gain: 0.4 },
  ],
};

/** The lobby loop: a calm eight-step pentatonic figure, scheduled a little ahead so timers can jitter. */
const LOOP = [C4, G4, E5, G4, A4, E5, D5, G4];
const LOOP_STEP_S = 0.3;

class SoundEngine {
  private ctx: AudioContext | null = null;
  private master: GainNode | null = null;
  private enabled = false;
  private gestured = false;
  private armed = false;
  private loopTimer: number | null = null;
  private loopGain: GainNode | null = null;
  private loopNext = 0;
  private loopStep = 0;
  private loopWanted = false;
  private readonly listeners = new Set<() => void>();

  /** Waits for the first gesture on this page: only then may an AudioContext exist. */
  armOnGesture(): void {
    if (this.armed || typeof window === 'undefined') return;
    this.armed = true;
    const onGesture = () => {
      window.removeEventListener('pointerdown', onGesture, true);
      window.removeEventListener('keydown', onGesture, true);
      this.gestured = true;
      if (this.enabled) this.wake();
      if (this.enabled && this.loopWanted) this.startLoop();
      this.emit();
    };
    window.addEventListener('pointerdown', onGesture, true);
    window.addEventListener('keydown', onGesture, true);
  }

  /** True once a gesture has happened: sound can play (when not muted). */
  get ready(): boolean {
    return this.gestured;
  }

  setEnabled(on: boolean): void {
    this.enabled = on;
    if (on && this.gestured) this.wake();
    if (!on) this.stopLoopNow();
    else if (this.loopWanted) this.startLoop();
    this.emit();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }

  private wake(): AudioContext | null {
    if (!this.gestured || !this.enabled) return null;
    if (!this.ctx) {
      const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
      if (!Ctor) return null;
      this.ctx = new Ctor();
      this.master = this.ctx.createGain();
      this.master.gain.value = 0.5;
      this.master.connect(this.ctx.destination);
    }
    if (this.ctx.state === 'suspended') void this.ctx.resume();
    return this.ctx;
  }

  private note(ctx: AudioContext, out: AudioNode, t0: number, n: Note): void {
    const osc = ctx.createOscillator();
    const env = ctx.createGain();
    osc.type = n.wave ?? 'sine';
    osc.frequency.value = n.freq;
    const start = t0 + n.at;
    const peak = n.gain ?? 0.3;
    env.gain.setValueAtTime(0.0001, start);
    env.gain.exponentialRampToValueAtTime(peak, start + 0.012);
    env.gain.exponentialRampToValueAtTime(0.0001, start + n.dur);
    osc.connect(env).connect(out);
    osc.start(start);
    osc.stop(start + n.dur + 0.05);
  }

  /** Plays a cue now (or after `delayS`), when unmuted and after a gesture; otherwise does nothing. */
  play(cue: Cue, delayS = 0): void {
    const ctx = this.wake();
    if (!ctx || !this.master) return;
    const t0 = ctx.currentTime + 0.01 + delayS;
    for (const n of CUES[cue]) this.note(ctx, this.master, t0, n);
    window.dispatchEvent(new CustomEvent('quizroom:sound', { detail: cue }));
  }

  /** The lobby loop: keeps playing until stopLoop (and resumes after an unmute while wanted). */
  startLoop(): void {
    this.loopWanted = true;
    const ctx = this.wake();
    if (!ctx || !this.master || this.loopTimer !== null) return;
    this.loopGain = ctx.createGain();
    this.loopGain.gain.value = 0.35;
    this.loopGain.connect(this.master);
    this.loopNext = ctx.currentTime + 0.1;
    this.loopStep = 0;
    const schedule = () => {
      const c = this.ctx;
      const out = this.loopGain;
      if (!c || !out) return;
      while (this.loopNext < c.currentTime + 0.6) {
        const midi = LOOP[this.loopStep % LOOP.length] ?? C5;
        this.note(c, out, this.loopNext, { at: 0, freq: NOTE(midi), dur: 0.5, wave: 'triangle', gain: 0.25 });
        this.loopNext += LOOP_STEP_S;
        this.loopStep += 1;
      }
    };
    schedule();
    this.loopTimer = window.setInterval(schedule, 200);
    window.dispatchEvent(new CustomEvent('quizroom:sound', { detail: 'lobby' }));
  }

  stopLoop(): void {
    this.loopWanted = false;
    this.stopLoopNow();
  }

  private stopLoopNow(): void {
    if (this.loopTimer !== null) window.clearInterval(this.loopTimer);
    this.loopTimer = null;
    const g = this.loopGain;
    const ctx = this.ctx;
    if (g && ctx) {
      // Fade out rather than cut, then let the scheduled notes die in silence.
      g.gain.setTargetAtTime(0, ctx.currentTime, 0.08);
      window.setTimeout(() => g.disconnect(), 600);
    }
    this.loopGain = null;
  }
}

let engine: SoundEngine | null = null;

/** The tab's one sound engine. */
export function soundEngine(): SoundEngine {
  engine ??= new SoundEngine();
  return engine;
}

export type { SoundEngine };
