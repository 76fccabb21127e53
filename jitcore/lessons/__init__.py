"""Models of the Learn JIT lessons, one JIT element per module, and the lessons themselves.

* :mod:`~jitcore.lessons.smoothing` — heijunka: POUT order and stock variance;
* :mod:`~jitcore.lessons.forecasting` — the forecast error over the exposure;
* :mod:`~jitcore.lessons.changeover` — setup time against capacity, EPQ, SMED;
* :mod:`~jitcore.lessons.variability` — standardisation and quality: demand, lead-time and
  yield spread → buffer;
* :mod:`~jitcore.lessons.information` — local, shared information and VMI in a serial chain;
* :mod:`~jitcore.lessons.pooling` — postponement and fewer variants: √n pooling with correlation;
* :mod:`~jitcore.lessons.catalog` — the eight lessons as data (question, predictions, controls,
  reveal, takeaway, page);
* :mod:`~jitcore.lessons.exercises` — trainer mode: exercise cards, attempts, scoreboard, debrief.

The catalog and the exercises are imported from their modules, so the models load without plotly.
"""
