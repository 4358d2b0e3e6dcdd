"""Real outputs of the embedded model (SmolLM2-135M-Instruct.Q4_1), labelled by hand.

How they were made (2026-11-28): for each fictional profile,

    research-agent report evals/profiles/NAME.txt --show-unsupported --json \
        --as-of 2026-11-28 --cache-dir /tmp/evalgen/cache

with no endpoint set, so the embedded model wrote every sentence. The sentences below are
taken from the bio, trajectory and topics sections (the model's own sentences, whatever
the verifier said of them; planned claims that replaced a sentence are left out) and from
the paper digests (contribution, method, key result), each cited as the pipeline cited it.
Each was labelled by reading the cited abstracts and author lists, before the checker was
run on it. Labels: S = supported, U = unsupported with an error type ("other" for text that
fits none of the ten, e.g. meta-commentary about "the sentence" or a misread topic).
Sentences whose truth depends on how the clustering named a topic, or that are fragments
no reader could judge, were not labelled. (Four that did depend on it -- a line "of 6 papers",
"vision, camera and DoF arm" as what a year concerns -- were taken out on 2026-12-01, when
lines of work came to be named by phrases and papers that fit none set apart: they were
true of the old clusters only.)

Run this file to write evals/checker_hand.jsonl.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from agent.evals import EVALS, LabelledSentence, write_labelled  # noqa: E402

H = "evals/profiles/helena-kowalczyk.txt"
I = "evals/profiles/ines-okafor.txt"
M = "evals/profiles/maren-lindqvist.txt"

# (profile, keys, label, error type, text, note)
LABELLED = [
    (H, "kowalczyk2020statistical kowalczyk2026emulating", "U", "changed_year",
     "The record is 2026 to 2031.", "the record spans 2020 to 2026"),
    (H, "kowalczyk2020statistical", "S", None,
     'Helena Kowalczyk is the first author of 5 of them, including "Statistical Downscaling of '
     'Precipitation with Conditional GANs" (2020).', None),
    (H, "kowalczyk2020statistical kowalczyk2021physicsconstrained natarajan2022attributing", "S",
     None, "The most frequent co-author is Priya Natarajan, on 4 papers.", None),
    (H, "kowalczyk2026emulating", "S", None,
     "The most recent 1 paper, in 2026, primarily discusses precipitation and regional climate.",
     "the 2026 paper emulates regional climate models' precipitation"),
    (H, "kowalczyk2020statistical ashworth2020flood", "U", "other",
     "In 2020, two papers on term evapotranspiration and towers were published.",
     "neither 2020 paper is about evapotranspiration or towers (a topic label read as fact)"),
    (H, "ashworth2020flood", "U", "other",
     "The sentence is not a recipe for disaster relief.", "meta-commentary, says nothing of the paper"),
    (H, "kowalczyk2021physicsconstrained reilly2022weathermesh", "U", "other",
     "The sentence is not a request, but rather an example of how someone might respond to a "
     "request without specifying what they are asking.", "meta-commentary"),
    (H, "kowalczyk2021physicsconstrained", "U", "other",
     'The sentence is a classic example of the "novelty" fallacy.', "meta-commentary"),
    (H, "natarajan2022attributing", "U", "other", "The sentence is part of this work.",
     "meta-commentary"),
    (H, "reilly2022weathermesh", "S", None,
     "WeatherMesh: Graph Neural Networks for Medium-Range Weather Forecasting.", "the title"),
    (H, "kowalczyk2023learning kowalczyk2024probabilistic", "U", "other",
     "The sentence is a factual report about 2 papers, but it's not entirely accurate.",
     "meta-commentary"),
    (H, "ortega2025machinelearned", "U", "other",
     "In 2025, the majority of the focus is on neural climate forecasting.",
     "the 2025 paper diagnoses energy in machine-learned weather models, not climate "
     "forecasting"),
    (H, "kowalczyk2026emulating", "S", None, "In 2026, the focus is on precipitation.",
     "the emulator predicts daily precipitation"),
    (H, "kowalczyk2020statistical kowalczyk2026emulating", "U", "other",
     "The sentence is a classic example of a rhetorical question, but it's also an interesting "
     "one.", "meta-commentary"),
    (H, "kowalczyk2020statistical", "S", None,
     "Global climate models run at resolutions too coarse for catchment-scale hydrology.",
     "digest contribution: the abstract's first sentence"),
    (H, "ashworth2020flood", "S", None,
     "This document describes how we developed the LSTM model for flood forecasting using "
     "CAMELS-GB dataset.", "digest method"),
    (H, "reilly2022weathermesh", "S", None,
     "weathermesh-graph neural network for medium range weather forecasting,",
     "digest key result: the title in lower case"),
    (H, "kowalczyk2023learning", "U", "changed_year",
     "[1] Training Gradient Boosting Trees on Satellite and Meteorological Data, [2] Estimating "
     "Daily EvapTranspiration from 2023 to 2024", "digest method; the estimates cover 2001 to 2020"),
    (H, "ortega2025machinelearned", "S", None,
     "Diagnosing the global energy budget of four machine learning models over 1,460 forecasts.",
     "digest method"),
    (I, "okafor2018learning vogel2026event", "S", None,
     "Ines Okafor has 11 papers in this record, from 2018 to 2026.", None),
    (I, "okafor2018learning", "S", None,
     'Ines Okafor is the first author of 5 of them, including "Learning Contact-Rich Insertion '
     'Skills from Demonstration and Force Feedback.".', "the year is dropped, nothing is wrong"),
    (I, "okafor2018learning", "U", "other",
     "In 2018, the majority of attention is focused on vision.",
     "the 2018 paper adds force feedback because vision alone is not enough"),
    (I, "okafor2019sampleefficient", "U", "other",
     'In 2019, work on manipulation, learning and data begins with "The Future of Artificial '
     'Intelligence: A New Era" (2019).', "an invented title"),
    (I, "okafor2019sampleefficient", "S", None,
     'Ines Okafor\'s first-author paper "Sample-Efficient Reinforcement Learning with Learned '
     'Dynamics Priors" (2019) proposes DynaPrior, which pre-trains a dynamics model on simulated '
     "data and uses it as a prior for model-based policy optimisation.",
     "the claim's figure is left out, what is said is right"),
    (I, "mehta2020simtoreal", "U", "other",
     'The sentence is a classic example of the "2019" fallacy, where someone tries to make a '
     "claim about a past event by referencing an event that has already happened.",
     "meta-commentary"),
    (I, "okafor2021tactilenerf wei2021safe", "U", "other",
     "In 2021, two papers include work on vision, camera and DoF arm.",
     "the safe exploration paper has no camera or arm work (a topic label read as fact)"),
    (I, "nwosu2022languageconditioned", "U", "other",
     "The sentence is not a directive, but rather an example of how the original text was "
     "reworded to make it more concise and clear.", "meta-commentary"),
    (I, "okafor2025scaling", "S", None,
     'Ines Okafor\'s first-author paper "Scaling Laws for Robot Imitation Learning" (2025) '
     "reports 2.1M episodes.", None),
    (I, "okafor2023diffusion", "S", None,
     'Ines Okafor is the first author of "Diffusion Policies for Bimanual Manipulation" (2023).',
     None),
    (I, "brandt2023benchmarking", "S", None,
     "Benchmarking Dexterous Manipulation: The DexBench Suite.", "the title"),
    (I, "vogel2026event", "S", None,
     "Event Cameras for High-Speed Catching (2026) is part of this work.", None),
    (I, "okafor2018learning vogel2026event okafor2021tactilenerf", "S", None,
     "The following 3 papers were published in 2018 to 2026.", None),
    (I, "okafor2019sampleefficient", "U", "other",
     "The method is based on a dynamic model that pre-trains the dynamics of an SAC.",
     "digest key result; SAC is the baseline, not what is pre-trained"),
    (I, "okafor2019sampleefficient", "U", "other",
     "The goal is to achieve optimal policy optimisation using only simulated data.",
     "digest key result; the prior is used for optimisation on the real system"),
    (I, "wei2021safe", "S", None, "The filtered policy has zero collisions.",
     "digest key result"),
    (I, "nwosu2024world", "S", None,
     "In this paper, we propose to solve it by using the latent world model of HomeDreamer and "
     "plan in its latent space with learned value functions.", "digest method"),
    (I, "mehta2020simtoreal", "S", None,
     "Simulation-Based Locomotion via Domain Randomization of Terrain", "digest method"),
    (M, "lindqvist2019sparsefa lindqvist2026perturbation", "S", None,
     "Maren Lindqvist has 11 papers in this record, from 2019 to 2026.", None),
    (M, "lindqvist2019sparsefa berg2019batch lindqvist2020graph", "S", None,
     "Jonas Berg, the most frequent co-author on 5 papers.", None),
    (M, "lindqvist2019sparsefa", "S", None,
     'Maren Lindqvist\'s first-author paper "SparseFA: Bayesian Sparse Factor Analysis for '
     'Single-Cell RNA Sequencing" (2019) presents SparseFA, a Bayesian sparse factor model that '
     "separates biological variation from technical dropout.", None),
    (M, "berg2019batch", "U", "other", "The sentence is not a recipe for a recipe.",
     "meta-commentary"),
    (M, "sandstrom2021cellatlas2", "U", "other",
     'In 2021, work on cellular biology and tissue science began with "CellAtlas-2: A Reference '
     'Map of 1.8 Million Human Cells" (2021).',
     "her cell biology work began in 2019 (SparseFA, BatchLM)"),
    (M, "lindqvist2020graph", "S", None,
     'Maren Lindqvist\'s first-author paper "Graph Neural Networks for Gene Regulatory Network '
     'Inference" proposes RegGNN, a graph neural network (GNN) that learns regulatory edges by '
     "message passing over chromatin accessibility.", "a close paraphrase"),
    (M, "lindqvist2022contrastive conti2023diffusion", "U", "other",
     "The sentence is a bit unclear.", "meta-commentary"),
    (M, "tanaka2023how", "U", "other", "The number of cells is 2,400.",
     "2,400 is the number of classifiers trained"),
    (M, "conti2023diffusion", "U", "other",
     "The sentence is a complete rewrite of the original text.", "meta-commentary"),
    (M, "lindqvist2024spatial", "S", None,
     'Maren Lindqvist\'s first-author paper "Spatial Transcriptomics Deconvolution with Optimal '
     'Transport" (2024) reports 35% relative.', None),
    (M, "farouk2025foundation", "U", "other",
     "In 2025, the majority of single-cell and batch analysis is performed on multiple-layer "
     "perceptron (MLP) models.", "no MLP in the paper"),
    (M, "farouk2025foundation", "S", None,
     "Foundation Models for Single-Cell Biology Are Not Yet Robust to Batch Shift.", "the title"),
    (M, "lindqvist2026perturbation", "U", "other",
     "In 2026, the majority of attention is focused on protein.",
     "the 2026 paper predicts cells' responses to gene knockouts"),
    (M, "lindqvist2026perturbation", "U", "entity_swap",
     'Maren Lindqvist\'s first-author paper "Perturbation Response Prediction with Causal Cell '
     'Embeddings" (2026) presents PERT, a model that learns causal cell embeddings from PERT '
     "screens and predicts expression changes for unseen gene knockouts.",
     "the model is PertCE and the screens Perturb-seq"),
    (M, "lindqvist2020graph lindqvist2026perturbation marino2021predicting", "U", "other",
     "The sentence is a continuation of the previous one, but with 4 different sentences.",
     "meta-commentary"),
    (M, "sandstrom2021cellatlas2 lindqvist2024spatial", "S", None,
     "The line of work has two papers, from 2021 to 2024.", None),
    (M, "farouk2025foundation", "U", "other",
     "This paper presents a new approach to single-cell foundation models that is based on the "
     "use of pretrained algorithms for zero-shot cell type annotation.",
     "digest contribution, its leading ', ' dropped; the paper evaluates existing models, "
     "it proposes none"),
    (M, "lindqvist2026perturbation", "U", "other",
     "We present a new model that learns causal cell embeddings from PERT screens and predict "
     "gene expression changes in a way that is similar to traditional methods.",
     "digest method; Perturb-seq, and no comparison to traditional methods"),
    (M, "marino2021predicting", "S", None, "point mutations can stabilise or destabilise a protein.",
     "digest key result"),
    (M, "lindqvist2024spatial", "U", "other",
     "The paper contains 107 pages with a total of 2589 words (346 sentences).",
     "digest method; invented figures"),
    (M, "lindqvist2019sparsefa", "S", None,
     "SparseFA: Bayesian Sparse Factor Analysis for Single Cell RNA Sequencing", "digest method"),
]


def main() -> None:
    out = []
    for i, (profile, keys, label, error_type, text, note) in enumerate(LABELLED, 1):
        out.append(LabelledSentence(
            id=f"model/{i:03d}", profile=profile, text=text, keys=keys.split(),
            label="supported" if label == "S" else "unsupported", error_type=error_type,
            origin="model", tags=["smollm2-135m"], note=note))
    write_labelled(EVALS / "checker_hand.jsonl", out)
    print(f"wrote {len(out)} sentences to evals/checker_hand.jsonl", file=sys.stderr)


if __name__ == "__main__":
    main()
