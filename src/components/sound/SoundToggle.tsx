'use client';

import type { SoundSetting } from './useSound';
import './sound.css';

/**
 * The one mute toggle of a page. Sound that is on but still waiting for a first click (browsers allow audio
 * only after one) says so, so a big screen opened from a link is not silent without a reason.
 */
export function SoundToggle({ setting, size = 'md' }: { setting: SoundSetting; size?: 'sm' | 'md' | 'lg' }) {
  const { on, ready, setOn } = setting;
  const waiting = on && !ready;
  return (
    <button
      type="button"
      className={`sound-toggle sound-toggle--${size} ${on ? 'sound-toggle--on' : ''} ${waiting ? 'sound-toggle--waiting' : ''}`}
      aria-pressed={on}
      data-testid="sound-toggle"
      data-ready={ready ? 'true' : 'false'}
      onClick={() => setOn(!on)}
      title={on ? 'Mute the game sounds' : 'Play the game sounds'}
    >
      <span className="sound-toggle__icon" aria-hidden="true">
        {on ? '🔊' : '🔇'}
      </span>
      <span className="sound-toggle__text">{waiting ? 'Sound: click to start' : 'Sound'}</span>
    </button>
  );
}
