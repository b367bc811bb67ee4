import { drawSample, sampleSize } from './audit-samples.service.js';

describe('random audit sampling (CERT_AUDIT)', () => {
  it('CERT_AUDIT: draws the rounded-up share of the population, each member at most once', () => {
    const population = Array.from({ length: 37 }, (_, index) => `coach-${index}`);
    expect(sampleSize(37, 10)).toBe(4);
    expect(sampleSize(0, 50)).toBe(0);
    expect(sampleSize(3, 100)).toBe(3);
    const sut = drawSample(population, sampleSize(37, 10));
    expect(sut).toHaveLength(4);
    expect(new Set(sut).size).toBe(4);
    for (const drawn of sut) expect(population).toContain(drawn);
    expect(population).toHaveLength(37);
  });

  it('CERT_AUDIT: every member can be drawn (the draw is not a fixed prefix of the population)', () => {
    const population = ['a', 'b', 'c', 'd'];
    const seen = new Set<string>();
    for (let round = 0; round < 400 && seen.size < population.length; round++) {
      for (const drawn of drawSample(population, 1)) seen.add(drawn);
    }
    expect([...seen].sort()).toEqual(population);
  });

  it('CERT_AUDIT: never draws more than the population holds', () => {
    expect(drawSample(['a', 'b'], 5).sort()).toEqual(['a', 'b']);
    expect(drawSample([], 3)).toEqual([]);
  });
});
