import type { ISeriesApi, UTCTimestamp } from 'lightweight-charts';
import type { Bar, CandleChart } from './candle-chart';
import { STUDY_INFO, type StudyConfig, startStudy, studyKey } from './study-config';
import type { StudyValues } from './study-math';

interface Entry {
  config: StudyConfig;
  run: ReturnType<typeof startStudy>;
  lines: ISeriesApi<'Line'>[];
}

/**
 * The indicator menu's studies on the price pane, computed in the page from the chart's candles:
 * the whole history once when it loads (setData), then one `update` per line for each live bar,
 * so the forming candle moves its study values with it and nothing is redrawn from scratch.
 */
export class StudyLayer {
  private readonly entries = new Map<string, Entry>();
  private readonly unlisten: () => void;

  constructor(private readonly chart: CandleChart) {
    this.unlisten = chart.addBarListener({
      loaded: (bars) => {
        for (const e of this.entries.values()) this.fill(e, bars);
      },
      updated: (bar) => {
        for (const e of this.entries.values()) this.apply(e, bar);
      },
    });
  }

  /** Shows exactly these studies: keeps those already drawn, adds and removes the others. */
  set(configs: readonly StudyConfig[]): void {
    const wanted = new Map(configs.map((c) => [studyKey(c), c]));
    for (const [key, e] of this.entries) {
      if (wanted.has(key)) continue;
      for (const line of e.lines) this.chart.removeLine(line);
      this.entries.delete(key);
    }
    for (const [key, config] of wanted) {
      if (this.entries.has(key)) continue;
      const lines = STUDY_INFO[config.kind].lines.map((l) => this.chart.addLine({ color: l.color }, 'price'));
      const entry: Entry = { config, run: startStudy(config), lines };
      this.entries.set(key, entry);
      this.fill(entry, this.chart.barsShown());
    }
  }

  remove(): void {
    this.unlisten();
    this.set([]);
  }

  /** Recomputes a study over every bar (a new history, period or study). */
  private fill(e: Entry, bars: readonly Bar[]): void {
    e.run = startStudy(e.config);
    const data: { time: UTCTimestamp; value: number }[][] = e.lines.map(() => []);
    for (const bar of bars) {
      const values = e.run.push(bar) ?? [];
      for (let i = 0; i < values.length; i++) {
        const value = values[i];
        if (value !== null && value !== undefined) data[i]?.push({ time: bar.time as UTCTimestamp, value });
      }
    }
    e.lines.forEach((line, i) => {
      line.setData(data[i] ?? []);
    });
  }

  private apply(e: Entry, bar: Bar): void {
    const values: StudyValues | null = e.run.push(bar);
    if (!values) return;
    e.lines.forEach((line, i) => {
      const v = values[i];
      if (v !== null && v !== undefined) line.update({ time: bar.time as UTCTimestamp, value: v });
    });
  }
}
